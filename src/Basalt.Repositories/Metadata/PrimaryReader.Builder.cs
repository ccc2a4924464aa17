using System.Globalization;
using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

public static partial class PrimaryReader
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The &lt;format&gt; children that hold &lt;rpm:entry&gt; lists, in <see cref="PackageBuilder.SetDependencies"/>'s order.</summary>
    private static readonly byte[][] DependencyElements =
        [.. new[] { "provides", "requires", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances" }.Select(System.Text.Encoding.ASCII.GetBytes)];

    /// <summary>The fields of one &lt;package&gt; as they are read, checked and frozen by <see cref="Build"/>; reused for every package.</summary>
    private sealed class PackageBuilder(Utf8XmlReader xml, string source, StringPool pool, bool keepText)
    {
        private int _line;

        public Utf8XmlReader Xml { get; } = xml;
        public string Source { get; } = source;
        public StringPool Pool { get; } = pool;
        public bool KeepText { get; } = keepText;

        /// <summary>Scratch list for one dependency element's entries.</summary>
        public List<Dependency> Entries { get; } = [];

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
        public Dependency[][] Dependencies { get; } = new Dependency[8][];
        public List<RpmMdFile>? Files { get; set; }

        /// <summary>Clears every field for the &lt;package&gt; that starts on <paramref name="line"/>.</summary>
        public void Reset(int line)
        {
            _line = line;
            Name = Arch = Epoch = Version = Release = ChecksumType = Checksum = Location = LocationBase = null;
            Summary = Description = Packager = Url = License = Vendor = Group = BuildHost = SourceRpm = "";
            FileTime = BuildTime = PackageSize = InstalledSize = ArchiveSize = HeaderStart = HeaderEnd = 0;
            Array.Fill(Dependencies, []);
            Files = null;
        }

        public void SetDependencies(int kind, Dependency[] entries) => Dependencies[kind] = entries;

        public RpmMdPackage Build()
        {
            var name = string.IsNullOrEmpty(Name) ? throw new InvalidDataException($"{Where} has no name.") : Name;
            var arch = Required(Arch, "arch");
            var version = Required(Version, "version ver");
            var checksum = Required(Checksum, "checksum (pkgid)");
            var checksumType = Required(ChecksumType, "checksum type");
            _ = RepoChecksum.AlgorithmOf(checksumType);
            if (checksum.Length != RepoChecksum.HexLength(checksumType) || checksum.AsSpan().IndexOfAnyExcept(HexDigits) >= 0)
            {
                throw new InvalidDataException($"{What}: checksum \"{checksum}\" is not a {checksumType} digest.");
            }

            var location = Required(Location, "location href");
            int? epoch = string.IsNullOrEmpty(Epoch) || Epoch == "0" ? null : ParseEpoch(Epoch, What);
            return new RpmMdPackage
            {
                Nevra = new Nevra(name, epoch, version, Release ?? "", arch),
                Checksum = new RepoChecksum(checksumType, checksum),
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
                Provides = Dependencies[0],
                Requires = Dependencies[1],
                Conflicts = Dependencies[2],
                Obsoletes = Dependencies[3],
                Recommends = Dependencies[4],
                Suggests = Dependencies[5],
                Supplements = Dependencies[6],
                Enhances = Dependencies[7],
                Files = Files is null ? [] : [.. Files],
            };
        }

        /// <summary>"'source' line N" of the package, built only for a message.</summary>
        private string Where => $"'{Source}' line {_line.ToString(CultureInfo.InvariantCulture)}";

        private string What => $"{Where}: package \"{Name}\"";

        private string Required(string? value, string what)
            => string.IsNullOrEmpty(value) ? throw new InvalidDataException($"{What} has no {what}.") : value;
    }

    /// <summary>The package epoch: "0" or absent means none (createrepo_c writes "0" for packages without EPOCH).</summary>
    internal static int? ParseEpoch(string? epoch, string what)
    {
        if (string.IsNullOrEmpty(epoch) || epoch == "0")
        {
            return null;
        }

        return int.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"{what}: epoch \"{epoch}\" is not a number.");
    }
}
