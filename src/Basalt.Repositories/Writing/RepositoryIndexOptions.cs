using Basalt.Compression;

namespace Basalt.Repositories.Writing;

/// <summary>How <see cref="RepositoryIndexer"/> writes metadata.</summary>
public sealed record RepositoryIndexOptions
{
    /// <summary>Zstd (the default; dnf 4.14+ reads it) or gzip (what createrepo_c writes), or none.</summary>
    public CompressionFormat Compression { get; init; } = CompressionFormat.Zstd;

    /// <summary>The revision; defaults to <see cref="Timestamp"/>.</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// The timestamp of every metadata record and the clamp for package file times (seconds since the epoch).
    /// Defaults to SOURCE_DATE_EPOCH, else the current time (then the output is not reproducible).
    /// </summary>
    public long? Timestamp { get; init; }

    /// <summary>How many of each package's newest changelog entries go into other.xml (createrepo_c's default, 10).</summary>
    public int ChangelogLimit { get; init; } = 10;

    /// <summary>An armored or binary OpenPGP secret key to sign repomd.xml with (writes repomd.xml.asc); null for none.</summary>
    public string? SigningKey { get; init; }

    /// <summary>The secret key's passphrase ("" when it has none).</summary>
    public string SigningKeyPassphrase { get; init; } = "";

    /// <summary>How many packages are read at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
