using System.Globalization;
using System.Text.RegularExpressions;

namespace Basalt.Compose.Definition;

/// <summary>Size syntax (<c>512M</c>, <c>2G</c>, binary units), defaults and limits of the disk layout.</summary>
internal static partial class DiskSizes
{
    public const long MiB = 1024 * 1024;

    public const long GiB = 1024 * MiB;

    /// <summary>Partitions start and end on 1 MiB boundaries; the GPT takes the first and last MiB.</summary>
    public const long Alignment = MiB;

    public const long DefaultEsp = 256 * MiB;

    public const long DefaultUsr = 2 * GiB;

    public const long DefaultRoot = 1 * GiB;

    /// <summary>
    /// FAT32 needs 65525 clusters: with 512-byte clusters, plus the reserved sectors and two FATs, just over 32 MiB
    /// (FatGeometry.MinimumSizeBytes; a test keeps the two in step), so the smallest whole-MiB ESP is 33 MiB.
    /// </summary>
    public const long MinEsp = 33 * MiB;

    public const long MaxEsp = 4 * GiB;

    public const long MinUsr = 16 * MiB;

    public const long MinRoot = 16 * MiB;

    public const long MaxDisk = 16L * 1024 * GiB;

    /// <summary>dm-verity defaults (veritysetup): 4096-byte data and hash blocks, SHA-256.</summary>
    private const long VerityBlock = 4096;

    private const long HashesPerBlock = VerityBlock / 32;

    /// <summary>Parses <c>N</c> followed by K, M, G or T (optionally KiB, MiB, GiB, TiB): powers of 1024.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = SizePattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var shift = match.Groups[2].Value switch { "K" => 10, "M" => 20, "G" => 30, _ => 40 };
        if (number > MaxDisk >> shift)
        {
            return false;
        }

        bytes = number << shift;
        return true;
    }

    public static string Format(long bytes) => bytes % GiB == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB}G")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB}M");

    /// <summary>
    /// The smallest verity partition for <paramref name="usrBytes"/>: the superblock block plus every level of the
    /// SHA-256 hash tree over 4 KiB blocks (each level a 128th of the one below), rounded up to 1 MiB.
    /// </summary>
    public static long MinimumVerity(long usrBytes) => RoundUp(VerityBytes(usrBytes));

    /// <summary>The exact size veritysetup format writes for <paramref name="usrBytes"/> of data: superblock and tree blocks.</summary>
    public static long VerityBytes(long usrBytes)
    {
        var blocks = (usrBytes + VerityBlock - 1) / VerityBlock;
        long treeBlocks = 1;
        while (blocks > 1)
        {
            blocks = (blocks + HashesPerBlock - 1) / HashesPerBlock;
            treeBlocks += blocks;
        }

        return treeBlocks * VerityBlock;
    }

    /// <summary>The default verity size: a 64th of usr (twice the tree's need, room for a later, larger usr), at least 1 MiB.</summary>
    public static long DefaultVerity(long usrBytes) => Math.Max(MiB, RoundUp(usrBytes / 64));

    private static long RoundUp(long bytes) => (bytes + MiB - 1) / MiB * MiB;

    [GeneratedRegex(@"^([0-9]{1,15})(K|M|G|T)(iB)?$")]
    private static partial Regex SizePattern();
}
