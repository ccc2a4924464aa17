namespace Basalt.Repositories.Metadata;

/// <summary>A parsed repomd.xml: the repository's revision and its metadata files.</summary>
/// <param name="Revision">The revision element's text ("" when absent).</param>
/// <param name="Records">The data entries in document order.</param>
public sealed record RepoMd(string Revision, IReadOnlyList<RepoMdRecord> Records)
{
    /// <summary>The repository's content tags (<c>&lt;tags&gt;&lt;content&gt;</c>, <c>&lt;repo&gt;</c>, <c>&lt;distro&gt;</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The record of <paramref name="type"/>, or null.</summary>
    public RepoMdRecord? Find(string type) => Records.FirstOrDefault(r => r.Type == type);
}
