using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Fat;

/// <summary>How to write a FAT32 volume. Everything that varies is given, so output is reproducible.</summary>
public sealed record FatOptions
{
    /// <summary>The volume size in bytes (a multiple of 512, at least <see cref="FatGeometry.MinimumSizeBytes"/>).</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Up to 11 characters valid in short names (A–Z, 0–9, space, <c>$%'-_@~`!(){}^#&amp;</c>); lower case is upper-cased.</summary>
    public string Label { get; init; } = "NO NAME";

    /// <summary>The 32-bit volume serial number (tools show it as two groups of four hex digits, e.g. 1A2B-3C4D).</summary>
    public uint VolumeId { get; init; }

    /// <summary>When set, every entry gets this time; otherwise each node's modification time.</summary>
    public FileTimestamp? Timestamp { get; init; }

    /// <summary>BPB_HiddSec: the partition's first LBA when the volume lives in a partition (firmware ignores it on GPT).</summary>
    public uint HiddenSectors { get; init; }
}
