namespace Basalt.Repositories.Metadata;

/// <summary>One <c>&lt;data type="…"&gt;</c> entry of repomd.xml: where a metadata file is and what it must hash to.</summary>
/// <param name="Type">The data type ("primary", "filelists", "other", "primary_db", "group", "modules", …).</param>
/// <param name="Location">The location href, relative to the repository root (or to <paramref name="LocationBase"/>).</param>
/// <param name="Checksum">The digest of the file as stored (compressed).</param>
public sealed record RepoMdRecord(string Type, string Location, RepoChecksum Checksum)
{
    /// <summary>The location's xml:base, when the file lives elsewhere.</summary>
    public string? LocationBase { get; init; }

    /// <summary>The digest of the decompressed content, when given.</summary>
    public RepoChecksum? OpenChecksum { get; init; }

    /// <summary>The size of the file as stored, when given.</summary>
    public long? Size { get; init; }

    /// <summary>The size of the decompressed content, when given.</summary>
    public long? OpenSize { get; init; }

    /// <summary>The timestamp (seconds since the epoch), when given.</summary>
    public long? Timestamp { get; init; }

    /// <summary>The sqlite database version (for *_db records).</summary>
    public int? DatabaseVersion { get; init; }
}
