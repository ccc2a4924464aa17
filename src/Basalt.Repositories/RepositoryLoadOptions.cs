using Basalt.Repositories.Sources;

namespace Basalt.Repositories;

/// <summary>What <see cref="RepositoryLoader"/> reads besides repomd.xml and primary, and how it fetches.</summary>
public sealed record RepositoryLoadOptions
{
    /// <summary>Reads filelists.xml and replaces each package's primary file subset with its full file list.</summary>
    public bool Filelists { get; init; }

    /// <summary>Reads other.xml (changelogs).</summary>
    public bool Other { get; init; }

    /// <summary>Keeps summary and description; off saves memory for resolution-only loads.</summary>
    public bool KeepText { get; init; } = true;

    /// <summary>The download cache for HTTP repositories (the default cache when null).</summary>
    public RepositoryCache? Cache { get; init; }

    /// <summary>The client for HTTP repositories (a shared one when null).</summary>
    public HttpClient? HttpClient { get; init; }
}
