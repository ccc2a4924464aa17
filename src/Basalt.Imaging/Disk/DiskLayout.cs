using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Disk;

/// <summary>A planned disk: its GPT, total size, and each partition with the content to copy into it.</summary>
public sealed record DiskLayout(GptTable Table, long SizeBytes, IReadOnlyList<DiskLayoutEntry> Entries);

/// <summary>A placed partition and its content (null: left empty, i.e. zeros).</summary>
public sealed record DiskLayoutEntry(GptPartition Partition, PartitionContent? Content);
