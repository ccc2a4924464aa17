using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

public static partial class PrimaryReader
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The fields of one &lt;package&gt; as they are read, checked and frozen by <see cref="Build"/>.</summary>
    private sealed class PackageBuilder
    {
        public bool KeepText { get; init; } = true;
        public string? Name { get; set; }
        public string? Arch { get; set; }
        public string? Epoch { get; set; }
        public string? Version { get; set; }
        public string? Release { get; set; }
        public string? ChecksumType { get; set; }
        public string? Checksum { get; set; }
        public string Summary { get; set; } = "";
        public string Description { get; set; } = "";
        public string Packager { get; set; } = "";
        public string Url { get; set; } = "";
        public long FileTime { get; set; }
        public long BuildTime { get; set; }
        public long PackageSize { get; set; }
        public long InstalledSize { get; set; }
        public long ArchiveSize { get; set; }
        public string? Location { get; set; }
        public string? LocationBase { get; set; }
        public string License { get; set; } = "";
        public string Vendor { get; set; } = "";
        public string Group { get; set; } = "";
        public string BuildHost { get; set; } = "";
        public string SourceRpm { get; set; } = "";
        public long HeaderStart { get; set; }
        public long HeaderEnd { get; set; }
        public Dependency[] Provides { get; set; } = [];
        public Dependency[] Requires { get; set; } = [];
        public Dependency[] Conflicts { get; set; } = [];
        public Dependency[] Obsoletes { get; set; } = [];
        public Dependency[] Recommends { get; set; } = [];
        public Dependency[] Suggests { get; set; } = [];
        public Dependency[] Supplements { get; set; } = [];
        public Dependency[] Enhances { get; set; } = [];
        public List<RpmMdFile>? Files { get; set; }

        public RpmMdPackage Build(string where, StringPool pool)
        {
            var name = Required(Name, "name", where);
            var what = $"{where}: package \"{name}\"";
            var arch = Required(Arch, "arch", what);
            var version = Required(Version, "version ver", what);
            var checksum = Required(Checksum, "checksum (pkgid)", what);
            var checksumType = Required(ChecksumType, "checksum type", what);
            _ = RepoChecksum.AlgorithmOf(checksumType);
            if (checksum.Length != RepoChecksum.HexLength(checksumType) || checksum.AsSpan().IndexOfAnyExcept(HexDigits) >= 0)
            {
                throw new InvalidDataException($"{what}: checksum \"{checksum}\" is not a {checksumType} digest.");
            }

            var location = Required(Location, "location href", what);
            return new RpmMdPackage
            {
                Nevra = new Nevra(pool.Intern(name), ParseEpoch(Epoch, what), pool.Intern(version), pool.Intern(Release ?? ""), pool.Intern(arch)),
                Checksum = new RepoChecksum(pool.Intern(checksumType), checksum.ToLowerInvariant()),
                Summary = Summary,
                Description = Description,
                Packager = Packager,
                Url = Url,
                FileTime = FileTime,
                BuildTime = BuildTime,
                PackageSize = PackageSize,
                InstalledSize = InstalledSize,
                ArchiveSize = ArchiveSize,
                Location = location,
                LocationBase = LocationBase,
                License = License,
                Vendor = Vendor,
                Group = Group,
                BuildHost = BuildHost,
                SourceRpm = SourceRpm,
                HeaderStart = HeaderStart,
                HeaderEnd = HeaderEnd,
                Provides = Provides,
                Requires = Requires,
                Conflicts = Conflicts,
                Obsoletes = Obsoletes,
                Recommends = Recommends,
                Suggests = Suggests,
                Supplements = Supplements,
                Enhances = Enhances,
                Files = Files is null ? [] : [.. Files],
            };
        }

        private static string Required(string? value, string what, string where)
            => string.IsNullOrEmpty(value) ? throw new InvalidDataException($"{where} has no {what}.") : value;
    }

    /// <summary>The package epoch: "0" or absent means none (createrepo_c writes "0" for packages without EPOCH).</summary>
    internal static int? ParseEpoch(string? epoch, string what)
    {
        if (string.IsNullOrEmpty(epoch) || epoch == "0")
        {
            return null;
        }

        return int.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"{what}: epoch \"{epoch}\" is not a number.");
    }
}
