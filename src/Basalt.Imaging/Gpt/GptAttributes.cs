namespace Basalt.Imaging.Gpt;

/// <summary>
/// Partition attribute bits. Bits 0–2 are defined by UEFI (table 5.7); bits 48–63 belong to the partition
/// type. We name the bits the UAPI Discoverable Partitions Specification gives Linux partitions (59 grow-fs,
/// 60 read-only, 62 hidden as for Microsoft basic data, 63 no-auto) and the ChromeOS kernel-partition
/// A/B fields (priority 48–51, tries remaining 52–55, successful 56) that A/B updaters use.
/// </summary>
public static class GptAttributes
{
    public const ulong RequiredPartition = 1UL << 0;
    public const ulong NoBlockIoProtocol = 1UL << 1;
    public const ulong LegacyBiosBootable = 1UL << 2;
    public const ulong GrowFileSystem = 1UL << 59;
    public const ulong ReadOnly = 1UL << 60;
    public const ulong Hidden = 1UL << 62;
    public const ulong NoAuto = 1UL << 63;

    private const int PriorityShift = 48;
    private const int TriesShift = 52;
    private const int SuccessfulBit = 56;

    /// <summary>Encodes the ChromeOS-style A/B fields: priority 0–15 (0 = not bootable), tries 0–15, successful.</summary>
    public static ulong AbSlot(int priority, int triesRemaining, bool successful)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 15);
        ArgumentOutOfRangeException.ThrowIfNegative(triesRemaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(triesRemaining, 15);
        return ((ulong)priority << PriorityShift) | ((ulong)triesRemaining << TriesShift) | (successful ? 1UL << SuccessfulBit : 0);
    }

    public static int GetPriority(ulong attributes) => (int)((attributes >> PriorityShift) & 0xF);

    public static int GetTriesRemaining(ulong attributes) => (int)((attributes >> TriesShift) & 0xF);

    public static bool GetSuccessful(ulong attributes) => ((attributes >> SuccessfulBit) & 1) != 0;

    /// <summary>Human-readable names of the set bits (unknown bits as <c>bit N</c>), for <c>disk info</c>.</summary>
    public static IReadOnlyList<string> Describe(ulong attributes, bool includeAbFields)
    {
        var names = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            var mask = 1UL << bit;
            if ((attributes & mask) == 0 || (includeAbFields && bit is >= PriorityShift and <= SuccessfulBit))
            {
                continue;
            }

            names.Add(mask switch
            {
                RequiredPartition => "required",
                NoBlockIoProtocol => "no-block-io",
                LegacyBiosBootable => "legacy-bios-bootable",
                GrowFileSystem => "growfs",
                ReadOnly => "read-only",
                Hidden => "hidden",
                NoAuto => "no-auto",
                _ => $"bit {bit}",
            });
        }

        if (includeAbFields && (attributes & (0x1FFUL << PriorityShift)) != 0)
        {
            names.Add($"priority={GetPriority(attributes)} tries={GetTriesRemaining(attributes)} successful={(GetSuccessful(attributes) ? 1 : 0)}");
        }

        return names;
    }
}
