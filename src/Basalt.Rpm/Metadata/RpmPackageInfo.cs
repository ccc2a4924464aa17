using Basalt.Packaging;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Metadata;

/// <summary>
/// A typed, eagerly decoded view of a package's main header: identity, descriptive tags, sizes, dependencies,
/// files, scriptlets and triggers. Built by <see cref="FromHeader"/>; inconsistent headers (parallel arrays of
/// different lengths, a tag of the wrong type, a directory index out of range) throw
/// <see cref="InvalidDataException"/> naming the tag.
/// </summary>
public sealed partial class RpmPackageInfo
{
    private RpmPackageInfo(RpmHeader header) => Header = header;

    /// <summary>The header this view was decoded from.</summary>
    public RpmHeader Header { get; }

    public Nevra Nevra => new(Name, Epoch, Version, Release, Arch);

    public string Name { get; private init; } = "";

    /// <summary>The epoch, or null when the header has no EPOCH tag.</summary>
    public int? Epoch { get; private init; }

    public string Version { get; private init; } = "";

    public string Release { get; private init; } = "";

    /// <summary>The ARCH tag (a source package keeps its build architecture here).</summary>
    public string Arch { get; private init; } = "";

    /// <summary>True for a source package: rpm's test is the absence of SOURCERPM.</summary>
    public bool IsSource { get; private init; }

    public string Summary { get; private init; } = "";

    public string Description { get; private init; } = "";

    public string License { get; private init; } = "";

    public string Url { get; private init; } = "";

    public string Vendor { get; private init; } = "";

    public string Packager { get; private init; } = "";

    public string Group { get; private init; } = "";

    public string Distribution { get; private init; } = "";

    public string Os { get; private init; } = "";

    public DateTimeOffset BuildTime { get; private init; }

    public string BuildHost { get; private init; } = "";

    /// <summary>Installed size in bytes: LONGSIZE when present, else SIZE.</summary>
    public long InstalledSize { get; private init; }

    /// <summary>The source package's file name; "" for a source package.</summary>
    public string SourceRpm { get; private init; } = "";

    /// <summary>PAYLOADFORMAT ("cpio"); "" when absent (rpm then assumes cpio).</summary>
    public string PayloadFormat { get; private init; } = "";

    /// <summary>PAYLOADCOMPRESSOR as stored ("gzip", "xz", "zstd", …); "" when absent (rpm then assumes gzip).</summary>
    public string PayloadCompressor { get; private init; } = "";

    /// <summary>PAYLOADFLAGS as stored (the compression level, e.g. "9" or "19T8"); "" when absent.</summary>
    public string PayloadFlags { get; private init; } = "";

    public IReadOnlyList<Dependency> Requires { get; private init; } = [];

    public IReadOnlyList<Dependency> Provides { get; private init; } = [];

    public IReadOnlyList<Dependency> Conflicts { get; private init; } = [];

    public IReadOnlyList<Dependency> Obsoletes { get; private init; } = [];

    public IReadOnlyList<Dependency> Recommends { get; private init; } = [];

    public IReadOnlyList<Dependency> Suggests { get; private init; } = [];

    public IReadOnlyList<Dependency> Supplements { get; private init; } = [];

    public IReadOnlyList<Dependency> Enhances { get; private init; } = [];

    /// <summary>The algorithm of every <see cref="RpmFileInfo.Digest"/> (FILEDIGESTALGO; MD5 when absent).</summary>
    public RpmDigestAlgorithm FileDigestAlgorithm { get; private init; } = RpmDigestAlgorithm.Md5;

    public IReadOnlyList<RpmFileInfo> Files { get; private init; } = [];

    public IReadOnlyList<RpmScriptlet> Scriptlets { get; private init; } = [];

    /// <summary>Package, file and transaction-file triggers, in that order.</summary>
    public IReadOnlyList<RpmTrigger> Triggers { get; private init; } = [];

    /// <summary>Files sharing a (device, inode) pair, one list per group of two or more, in header order.</summary>
    public IReadOnlyList<IReadOnlyList<RpmFileInfo>> HardLinkGroups =>
        [.. Files.Where(f => f.LinkCount > 1).GroupBy(f => (f.Device, f.Inode)).Select(g => (IReadOnlyList<RpmFileInfo>)[.. g])];

    /// <summary>Decodes the typed view of a package's main header.</summary>
    public static RpmPackageInfo FromHeader(RpmHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var epoch = HeaderArrays.Number(header, RpmTag.Epoch);
        var buildTime = HeaderArrays.Number(header, RpmTag.BuildTime) ?? 0;
        var size = HeaderArrays.Number(header, RpmTag.LongSize) ?? HeaderArrays.Number(header, RpmTag.Size) ?? 0;
        var digestAlgorithm = HeaderArrays.Number(header, RpmTag.FileDigestAlgo) ?? (ulong)RpmDigestAlgorithm.Md5;
        return new RpmPackageInfo(header)
        {
            Name = HeaderArrays.String(header, RpmTag.Name),
            Epoch = epoch is null ? null : ToInt32(epoch.Value, RpmTag.Epoch),
            Version = HeaderArrays.String(header, RpmTag.Version),
            Release = HeaderArrays.String(header, RpmTag.Release),
            Arch = HeaderArrays.String(header, RpmTag.Arch),
            IsSource = !header.Contains(RpmTag.SourceRpm),
            Summary = HeaderArrays.String(header, RpmTag.Summary),
            Description = HeaderArrays.String(header, RpmTag.Description),
            License = HeaderArrays.String(header, RpmTag.License),
            Url = HeaderArrays.String(header, RpmTag.Url),
            Vendor = HeaderArrays.String(header, RpmTag.Vendor),
            Packager = HeaderArrays.String(header, RpmTag.Packager),
            Group = HeaderArrays.String(header, RpmTag.Group),
            Distribution = HeaderArrays.String(header, RpmTag.Distribution),
            Os = HeaderArrays.String(header, RpmTag.Os),
            BuildTime = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(buildTime, uint.MaxValue)),
            BuildHost = HeaderArrays.String(header, RpmTag.BuildHost),
            InstalledSize = size > long.MaxValue ? throw new InvalidDataException($"Tag 'LONGSIZE' value {size} is out of range.") : (long)size,
            SourceRpm = HeaderArrays.String(header, RpmTag.SourceRpm),
            PayloadFormat = HeaderArrays.String(header, RpmTag.PayloadFormat),
            PayloadCompressor = HeaderArrays.String(header, RpmTag.PayloadCompressor),
            PayloadFlags = HeaderArrays.String(header, RpmTag.PayloadFlags),
            Requires = ReadDependencies(header, RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion),
            Provides = ReadDependencies(header, RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion),
            Conflicts = ReadDependencies(header, RpmTag.ConflictName, RpmTag.ConflictFlags, RpmTag.ConflictVersion),
            Obsoletes = ReadDependencies(header, RpmTag.ObsoleteName, RpmTag.ObsoleteFlags, RpmTag.ObsoleteVersion),
            Recommends = ReadDependencies(header, RpmTag.RecommendName, RpmTag.RecommendFlags, RpmTag.RecommendVersion),
            Suggests = ReadDependencies(header, RpmTag.SuggestName, RpmTag.SuggestFlags, RpmTag.SuggestVersion),
            Supplements = ReadDependencies(header, RpmTag.SupplementName, RpmTag.SupplementFlags, RpmTag.SupplementVersion),
            Enhances = ReadDependencies(header, RpmTag.EnhanceName, RpmTag.EnhanceFlags, RpmTag.EnhanceVersion),
            FileDigestAlgorithm = (RpmDigestAlgorithm)ToInt32(digestAlgorithm, RpmTag.FileDigestAlgo),
            Files = ReadFiles(header),
            Scriptlets = ReadScriptlets(header),
            Triggers = ReadTriggers(header),
        };
    }

    /// <summary>Reads the headers of the package at <paramref name="path"/> and decodes the main header.</summary>
    public static RpmPackageInfo Read(string path) => FromHeader(RpmPackageHeaders.Read(path).Header);

    /// <summary>A dependency set from its NAME, FLAGS and VERSION arrays (FLAGS and VERSION may be absent).</summary>
    internal static Dependency[] ReadDependencies(RpmHeader header, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag)
    {
        var names = HeaderArrays.Strings(header, nameTag);
        if (names is null)
        {
            return [];
        }

        var flags = HeaderArrays.ParallelNumbers(header, flagsTag, names.Length, nameTag);
        var versions = HeaderArrays.ParallelStrings(header, versionTag, names.Length, nameTag);
        var result = new Dependency[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = new Dependency(names[i], (DependencyFlags)(uint)flags[i], versions[i]);
        }

        return result;
    }

    internal static int ToInt32(ulong value, RpmTag tag) =>
        value <= int.MaxValue ? (int)value : throw new InvalidDataException($"Tag '{HeaderArrays.TagName((int)tag)}' value {value} is out of range.");
}
