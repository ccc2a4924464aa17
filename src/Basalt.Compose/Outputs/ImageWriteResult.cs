namespace Basalt.Compose.Outputs;

/// <summary>One written artefact. For the OCI layout directory <see cref="Sha256"/> is the manifest digest and
/// <see cref="Bytes"/> the total size of its files; for files, the file's SHA-256 and length.</summary>
public sealed record ImageArtifact(string Format, string Path, long Bytes, string Sha256);

/// <summary>One GPT partition of the written disk; <see cref="ContentBytes"/> is what was written into it (0: left empty).</summary>
public sealed record PartitionReport(string Name, string Type, Guid PartitionUuid, long OffsetBytes, long SizeBytes, long ContentBytes);

/// <summary>What <see cref="ImageWriter.WriteAsync"/> produced.</summary>
public sealed record ImageWriteResult(
    IReadOnlyList<ImageArtifact> Artifacts,
    IReadOnlyList<PartitionReport> Partitions,
    string UsrRootHash,
    string KernelCommandLine,
    Guid DiskGuid);
