using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Everything primary.xml says about one package (createrepo_c's field set), plus the files and changelog that
/// filelists.xml and other.xml add when they are read. Strings are "" where the metadata is empty or absent.
/// </summary>
public sealed record RpmMdPackage
{
    public required Nevra Nevra { get; init; }

    /// <summary>The package checksum (primary's <c>&lt;checksum pkgid="YES"&gt;</c>); its hex is the pkgid that joins the three files.</summary>
    public required RepoChecksum Checksum { get; init; }

    public string PkgId => Checksum.Hex;

    public string Summary { get; init; } = "";

    public string Description { get; init; } = "";

    public string Packager { get; init; } = "";

    public string Url { get; init; } = "";

    public long FileTime { get; init; }

    public long BuildTime { get; init; }

    public long PackageSize { get; init; }

    public long InstalledSize { get; init; }

    public long ArchiveSize { get; init; }

    /// <summary>The location href, relative to the repository root (or to <see cref="LocationBase"/>).</summary>
    public string Location { get; init; } = "";

    /// <summary>The location's xml:base, when the package lives elsewhere.</summary>
    public string? LocationBase { get; init; }

    public string License { get; init; } = "";

    public string Vendor { get; init; } = "";

    public string Group { get; init; } = "";

    public string BuildHost { get; init; } = "";

    public string SourceRpm { get; init; } = "";

    /// <summary>Byte offset of the main header in the package file (rpm:header-range start).</summary>
    public long HeaderStart { get; init; }

    /// <summary>Byte offset of the payload (rpm:header-range end).</summary>
    public long HeaderEnd { get; init; }

    public IReadOnlyList<Dependency> Provides { get; init; } = [];

    public IReadOnlyList<Dependency> Requires { get; init; } = [];

    public IReadOnlyList<Dependency> Conflicts { get; init; } = [];

    public IReadOnlyList<Dependency> Obsoletes { get; init; } = [];

    public IReadOnlyList<Dependency> Recommends { get; init; } = [];

    public IReadOnlyList<Dependency> Suggests { get; init; } = [];

    public IReadOnlyList<Dependency> Supplements { get; init; } = [];

    public IReadOnlyList<Dependency> Enhances { get; init; } = [];

    /// <summary>Files: primary's subset, or every file once filelists has been merged.</summary>
    public IReadOnlyList<RpmMdFile> Files { get; init; } = [];

    /// <summary>Changelog entries from other.xml (empty unless it was read).</summary>
    public IReadOnlyList<RpmMdChangelog> Changelogs { get; init; } = [];
}
