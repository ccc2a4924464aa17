namespace Basalt.Imaging.Gpt;

/// <summary>
/// A whole GPT: disk GUID, usable range and partitions, for a disk of <see cref="DiskSectors"/> sectors.
/// The writer always uses 128 entries of 128 bytes; the reader reports what the disk has.
/// </summary>
public sealed record GptTable(Guid DiskGuid, long DiskSectors, long FirstUsableLba, long LastUsableLba, IReadOnlyList<GptPartition> Partitions)
{
    public const int SectorSize = GptLayout.SectorSize;

    public int EntryCount { get; init; } = GptLayout.EntryCount;

    public int EntrySize { get; init; } = GptLayout.EntrySize;

    /// <summary>Problems the reader tolerated (a damaged backup, a missing protective MBR).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The table for a disk of <paramref name="diskSectors"/> sectors with the standard usable range (LBA 34 to end − 34).</summary>
    public static GptTable Create(Guid diskGuid, long diskSectors, IReadOnlyList<GptPartition> partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(diskSectors, GptLayout.FirstUsableLba + GptLayout.BackupSectors + 1);
        return new GptTable(diskGuid, diskSectors, GptLayout.FirstUsableLba, diskSectors - GptLayout.BackupSectors - 1, partitions);
    }
}
