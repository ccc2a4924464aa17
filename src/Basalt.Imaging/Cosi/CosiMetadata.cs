namespace Basalt.Imaging.Cosi;

/// <summary>The parsed <c>metadata.json</c> of a COSI file (spec section "Metadata JSON File").</summary>
public sealed record CosiMetadata(
    string Version,
    string OsArch,
    string OsRelease,
    IReadOnlyList<CosiFileSystemEntry> Images,
    CosiDisk Disk,
    IReadOnlyList<CosiPackage> Packages,
    CosiBootloader Bootloader,
    Guid? Id,
    int MaxWindowLog);

/// <summary>The spec's ImageFile object.</summary>
public sealed record CosiImageFile(string Path, long CompressedSize, long UncompressedSize, string Sha384);

/// <summary>The spec's Filesystem object.</summary>
public sealed record CosiFileSystemEntry(CosiImageFile Image, string MountPoint, string FsType, string FsUuid, Guid PartType, CosiVerityEntry? Verity);

/// <summary>The spec's VerityConfig object.</summary>
public sealed record CosiVerityEntry(CosiImageFile Image, string RootHash);

/// <summary>The spec's Disk object (type is always <c>gpt</c>).</summary>
public sealed record CosiDisk(long Size, string Type, int LbaSize, IReadOnlyList<CosiRegion> GptRegions);

/// <summary>The spec's GptDiskRegion object: <c>primary-gpt</c>, or <c>partition</c> with its 1-based entry number.</summary>
public sealed record CosiRegion(CosiImageFile Image, string Type, int? Number)
{
    public const string PrimaryGpt = "primary-gpt";
    public const string Partition = "partition";
}
