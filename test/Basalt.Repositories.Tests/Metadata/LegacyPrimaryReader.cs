using System.Globalization;
using System.Xml;
using Basalt.Packaging;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Tests.Metadata;

/// <summary>
/// The XmlReader-based primary.xml reader that <see cref="PrimaryReader"/> replaced, kept as the oracle of the
/// differential tests: it yields every field the same way, so the byte-level reader must yield equal packages and
/// fail on the same documents.
/// </summary>
internal static class LegacyPrimaryReader
{
    public static IEnumerable<RpmMdPackage> Read(Stream stream, string source, bool keepText = true)
    {
        var pool = new StringPool();
        using var reader = XmlParsing.Create(stream);
        XmlParsing.Guard(source, () =>
        {
            XmlParsing.ReadRoot(reader, "metadata", source);
            return 0;
        });
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        int depth = reader.Depth;
        XmlParsing.Guard(source, reader.Read);
        while (XmlParsing.Guard(source, () => XmlParsing.MoveToChild(reader, depth, "package", "Unexpected end of document before </metadata>.")
            ? ReadPackage(reader, source, pool, keepText) : null) is { } package)
        {
            yield return package;
        }
    }

    private static RpmMdPackage ReadPackage(XmlReader reader, string source, StringPool pool, bool keepText)
    {
        var where = XmlParsing.Where(reader, source);
        var type = reader.GetAttribute("type");
        if (type is not null && type != "rpm")
        {
            throw new InvalidDataException($"{where}: <package type=\"{type}\"> is not an rpm package.");
        }

        var f = new Dictionary<string, string?>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var deps = new Dictionary<string, Dependency[]>(StringComparer.Ordinal);
        var files = new List<RpmMdFile>();
        XmlParsing.ForEachChild(reader, r =>
        {
            switch (r.LocalName)
            {
                case "version":
                    (f["epoch"], f["ver"], f["rel"]) = (r.GetAttribute("epoch"), r.GetAttribute("ver"), r.GetAttribute("rel"));
                    r.Skip();
                    break;
                case "checksum":
                    f["checksumType"] = r.GetAttribute("type");
                    f["checksum"] = XmlParsing.Text(r).Trim();
                    break;
                case "summary" or "description" when !keepText: r.Skip(); break;
                case "time" or "size":
                    foreach (var a in r.LocalName == "time" ? new[] { "file", "build" } : ["package", "installed", "archive"])
                    {
                        numbers[r.LocalName + a] = XmlParsing.Number(r, a, source) ?? 0;
                    }

                    r.Skip();
                    break;
                case "location":
                    (f["href"], f["base"]) = (r.GetAttribute("href"), r.GetAttribute("xml:base"));
                    r.Skip();
                    break;
                case "format": XmlParsing.ForEachChild(r, c => ReadFormatChild(c, f, numbers, deps, files, source, pool)); break;
                case "name" or "arch" or "summary" or "description" or "packager" or "url": f[r.LocalName] = XmlParsing.Text(r); break;
                default: r.Skip(); break;
            }
        });
        return Build(where, f, numbers, deps, files, pool);
    }

    private static void ReadFormatChild(XmlReader r, Dictionary<string, string?> f, Dictionary<string, long> numbers,
        Dictionary<string, Dependency[]> deps, List<RpmMdFile> files, string source, StringPool pool)
    {
        switch (r.LocalName)
        {
            case "license" or "vendor" or "group" or "buildhost" or "sourcerpm": f[r.LocalName] = XmlParsing.Text(r); break;
            case "header-range":
                numbers["start"] = XmlParsing.Number(r, "start", source) ?? 0;
                numbers["end"] = XmlParsing.Number(r, "end", source) ?? 0;
                r.Skip();
                break;
            case "provides" or "requires" or "conflicts" or "obsoletes" or "recommends" or "suggests" or "supplements" or "enhances":
                var kind = r.LocalName;
                var list = new List<Dependency>();
                XmlParsing.ForEachChild(r, e =>
                {
                    if (e.LocalName == "entry")
                    {
                        list.Add(ReadEntry(e, source));
                    }
                    else
                    {
                        e.Skip();
                    }
                });
                deps[kind] = [.. list];
                break;
            case "file": files.Add(FileEntries.Read(r, source, pool)); break;
            default: r.Skip(); break;
        }
    }

    private static Dependency ReadEntry(XmlReader reader, string source)
    {
        string? name = null, flagsText = null, epoch = null, version = null, release = null;
        bool pre = false;
        while (reader.MoveToNextAttribute())
        {
            switch (reader.LocalName)
            {
                case "name": name = reader.Value; break;
                case "flags": flagsText = reader.Value; break;
                case "epoch": epoch = reader.Value; break;
                case "ver": version = reader.Value; break;
                case "rel": release = reader.Value; break;
                case "pre": pre = reader.Value is "1" or "true"; break;
                default: break;
            }
        }

        reader.MoveToElement();
        var where = XmlParsing.Where(reader, source);
        if (name is null)
        {
            throw new InvalidDataException($"{where}: <rpm:entry> has no name attribute.");
        }

        var flags = flagsText switch
        {
            null => DependencyFlags.None,
            "EQ" => DependencyFlags.Equal,
            "LT" => DependencyFlags.Less,
            "GT" => DependencyFlags.Greater,
            "LE" => DependencyFlags.Less | DependencyFlags.Equal,
            "GE" => DependencyFlags.Greater | DependencyFlags.Equal,
            _ => throw new InvalidDataException($"{where}: <rpm:entry name=\"{name}\"> has unknown flags \"{flagsText}\" (expected EQ, LT, GT, LE or GE)."),
        };
        reader.Skip();
        return new Dependency(name, pre ? flags | DependencyFlags.ScriptPre : flags, DependencyEntries.ComposeEvr(epoch, version, release));
    }

    private static RpmMdPackage Build(string where, Dictionary<string, string?> f, Dictionary<string, long> n, Dictionary<string, Dependency[]> deps,
        List<RpmMdFile> files, StringPool pool)
    {
        string? Get(string key) => f.GetValueOrDefault(key);
        string Required(string key, string what, string place) => string.IsNullOrEmpty(Get(key)) ? throw new InvalidDataException($"{place} has no {what}.") : Get(key)!;
        var name = Required("name", "name", where);
        var what = $"{where}: package \"{name}\"";
        var arch = Required("arch", "arch", what);
        var version = Required("ver", "version ver", what);
        var checksum = Required("checksum", "checksum (pkgid)", what);
        var checksumType = Required("checksumType", "checksum type", what);
        _ = RepoChecksum.AlgorithmOf(checksumType);
        if (checksum.Length != RepoChecksum.HexLength(checksumType) || !checksum.All(Uri.IsHexDigit))
        {
            throw new InvalidDataException($"{what}: checksum \"{checksum}\" is not a {checksumType} digest.");
        }

        var location = Required("href", "location href", what);
        var epoch = Get("epoch");
        int? epochValue = string.IsNullOrEmpty(epoch) || epoch == "0" ? null
            : int.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out int e) ? e
            : throw new InvalidDataException($"{what}: epoch \"{epoch}\" is not a number.");
        Dependency[] D(string key) => deps.GetValueOrDefault(key) ?? [];
        return new RpmMdPackage
        {
            Nevra = new Nevra(name, epochValue, version, Get("rel") ?? "", arch),
            Checksum = new RepoChecksum(checksumType, checksum.ToLowerInvariant()),
            Summary = Get("summary") ?? "",
            Description = Get("description") ?? "",
            Packager = Get("packager") ?? "",
            Url = Get("url") ?? "",
            FileTime = n.GetValueOrDefault("timefile"),
            BuildTime = n.GetValueOrDefault("timebuild"),
            PackageSize = n.GetValueOrDefault("sizepackage"),
            InstalledSize = n.GetValueOrDefault("sizeinstalled"),
            ArchiveSize = n.GetValueOrDefault("sizearchive"),
            Location = location,
            LocationBase = Get("base"),
            License = Get("license") ?? "",
            Vendor = Get("vendor") ?? "",
            Group = Get("group") ?? "",
            BuildHost = Get("buildhost") ?? "",
            SourceRpm = Get("sourcerpm") ?? "",
            HeaderStart = n.GetValueOrDefault("start"),
            HeaderEnd = n.GetValueOrDefault("end"),
            Provides = D("provides"),
            Requires = D("requires"),
            Conflicts = D("conflicts"),
            Obsoletes = D("obsoletes"),
            Recommends = D("recommends"),
            Suggests = D("suggests"),
            Supplements = D("supplements"),
            Enhances = D("enhances"),
            Files = [.. files],
        };
    }

    /// <summary>Every field of <paramref name="p"/> as one line per field, lists in order, for exact comparison.</summary>
    public static string Render(RpmMdPackage p)
    {
        static string Deps(IReadOnlyList<Dependency> list) => string.Join(" | ", list.Select(d => $"{d.Name} {(uint)d.Flags} {d.Version}"));
        return string.Join('\n',
            $"nevra {p.Nevra.Name} {p.Nevra.Epoch} {p.Nevra.Version} {p.Nevra.Release} {p.Nevra.Arch}",
            $"checksum {p.Checksum}", $"summary {p.Summary}", $"description {p.Description}", $"packager {p.Packager}", $"url {p.Url}",
            $"times {p.FileTime} {p.BuildTime} sizes {p.PackageSize} {p.InstalledSize} {p.ArchiveSize}",
            $"location {p.Location} base {p.LocationBase ?? "(null)"}",
            $"license {p.License}", $"vendor {p.Vendor}", $"group {p.Group}", $"buildhost {p.BuildHost}", $"sourcerpm {p.SourceRpm}",
            $"header {p.HeaderStart} {p.HeaderEnd}",
            $"provides {Deps(p.Provides)}", $"requires {Deps(p.Requires)}", $"conflicts {Deps(p.Conflicts)}", $"obsoletes {Deps(p.Obsoletes)}",
            $"recommends {Deps(p.Recommends)}", $"suggests {Deps(p.Suggests)}", $"supplements {Deps(p.Supplements)}", $"enhances {Deps(p.Enhances)}",
            $"files {string.Join(" | ", p.Files.Select(f => $"{f.Path} {f.Type}"))}");
    }
}
