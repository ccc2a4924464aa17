namespace Basalt.Imaging.Disk;

/// <summary>
/// One partition to lay out. <paramref name="SizeBytes"/> of 0 means "the content length"; a positive size
/// must hold the content. Sizes are rounded up to whole 512-byte sectors; starts are aligned to 1 MiB.
/// </summary>
public sealed record DiskPartitionSpec(string Name, Guid Type, Guid UniqueId, long SizeBytes = 0, PartitionContent? Content = null, ulong Attributes = 0);
