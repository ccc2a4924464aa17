using Basalt.Repositories.Metadata;

namespace Basalt.Repositories;

/// <summary>One repomd.xml record and whether this load verified it (size, checksum and, when read, open-checksum).</summary>
/// <param name="Record">The repomd.xml entry.</param>
/// <param name="Verified">True when the file was fetched and matched; false when it was not needed.</param>
/// <param name="Compression">The compression detected by magic ("none", "gzip", …); "" when not read.</param>
public sealed record MetadataFileStatus(RepoMdRecord Record, bool Verified, string Compression);
