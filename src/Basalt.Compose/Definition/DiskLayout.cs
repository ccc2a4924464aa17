namespace Basalt.Compose.Definition;

/// <summary>The GPT disk: ESP, usr (+ verity) per slot, and root/var. All sizes in bytes, multiples of 1 MiB.</summary>
public sealed record DiskLayout
{
    /// <summary>Total disk size as requested; null: the sum of the partitions plus the GPT's 1 MiB at each end.</summary>
    public long? Size { get; init; }

    /// <summary>Two usr slots (A and B, B reserved for updates); default true.</summary>
    public bool AB { get; init; } = true;

    public required DiskPartitions Partitions { get; init; }

    /// <summary>The disk size the image has: <see cref="Size"/> when given, else the sum of its parts.</summary>
    public long TotalBytes => Size ?? Partitions.Esp + (SlotCount * (Partitions.Usr + Partitions.Verity)) + Partitions.Root + (2 * DiskSizes.Alignment);

    public int SlotCount => AB ? 2 : 1;
}

/// <summary>Partition sizes; usr and verity are per slot.</summary>
public sealed record DiskPartitions
{
    public long Esp { get; init; } = DiskSizes.DefaultEsp;

    public long Usr { get; init; } = DiskSizes.DefaultUsr;

    public required long Verity { get; init; }

    public long Root { get; init; } = DiskSizes.DefaultRoot;
}
