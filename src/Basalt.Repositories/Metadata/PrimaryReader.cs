using System.Xml;
using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Streams the packages of a primary.xml (rpm-md "common" namespace) one at a time with an XmlReader: the document is
/// never materialised, so memory is bounded by one package plus what the caller keeps. Unknown elements are skipped;
/// a package without name, arch, version or pkgid checksum, a number that is not a number, or an unknown file type is
/// an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static partial class PrimaryReader
{
    /// <summary>Reads every package of the decompressed primary.xml in <paramref name="stream"/>.</summary>
    /// <param name="source">Names the file in error messages.</param>
    /// <param name="pool">Interns repeated strings; a fresh pool when null.</param>
    /// <param name="keepText">False skips summary and description (resolution needs neither).</param>
    public static IEnumerable<RpmMdPackage> Read(Stream stream, string source, StringPool? pool = null, bool keepText = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        pool ??= new StringPool();
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
        Advance(reader, source);
        while (true)
        {
            var package = XmlParsing.Guard(source, () => NextPackage(reader, depth, source, pool, keepText));
            if (package is null)
            {
                yield break;
            }

            yield return package;
        }
    }

    private static void Advance(XmlReader reader, string source) => XmlParsing.Guard(source, reader.Read);

    /// <summary>Moves to the next &lt;package&gt; child of the root and reads it; null at the root's end.</summary>
    private static RpmMdPackage? NextPackage(XmlReader reader, int rootDepth, string source, StringPool pool, bool keepText)
    {
        return XmlParsing.MoveToChild(reader, rootDepth, "package", "Unexpected end of document before </metadata>.")
            ? ReadPackage(reader, source, pool, keepText)
            : null;
    }

    private static RpmMdPackage ReadPackage(XmlReader reader, string source, StringPool pool, bool keepText)
    {
        var where = XmlParsing.Where(reader, source);
        var type = reader.GetAttribute("type");
        if (type is not null && type != "rpm")
        {
            throw new InvalidDataException($"{where}: <package type=\"{type}\"> is not an rpm package.");
        }

        var p = new PackageBuilder { KeepText = keepText };
        XmlParsing.ForEachChild(reader, r => ReadPackageChild(r, p, source, pool));
        return p.Build(where, pool);
    }

    private static void ReadPackageChild(XmlReader reader, PackageBuilder p, string source, StringPool pool)
    {
        switch (reader.LocalName)
        {
            case "name": p.Name = XmlParsing.Text(reader); break;
            case "arch": p.Arch = XmlParsing.Text(reader); break;
            case "version":
                p.Epoch = reader.GetAttribute("epoch");
                p.Version = reader.GetAttribute("ver");
                p.Release = reader.GetAttribute("rel");
                reader.Skip();
                break;
            case "checksum":
                p.ChecksumType = reader.GetAttribute("type");
                p.Checksum = XmlParsing.Text(reader).Trim();
                break;
            case "summary" or "description" when !p.KeepText: reader.Skip(); break;
            case "summary": p.Summary = XmlParsing.Text(reader); break;
            case "description": p.Description = XmlParsing.Text(reader); break;
            case "packager": p.Packager = pool.Intern(XmlParsing.Text(reader)); break;
            case "url": p.Url = pool.Intern(XmlParsing.Text(reader)); break;
            case "time":
                p.FileTime = XmlParsing.Number(reader, "file", source) ?? 0;
                p.BuildTime = XmlParsing.Number(reader, "build", source) ?? 0;
                reader.Skip();
                break;
            case "size":
                p.PackageSize = XmlParsing.Number(reader, "package", source) ?? 0;
                p.InstalledSize = XmlParsing.Number(reader, "installed", source) ?? 0;
                p.ArchiveSize = XmlParsing.Number(reader, "archive", source) ?? 0;
                reader.Skip();
                break;
            case "location":
                p.Location = reader.GetAttribute("href");
                p.LocationBase = reader.GetAttribute("xml:base");
                reader.Skip();
                break;
            case "format": XmlParsing.ForEachChild(reader, r => ReadFormatChild(r, p, source, pool)); break;
            default: reader.Skip(); break;
        }
    }

    private static void ReadFormatChild(XmlReader reader, PackageBuilder p, string source, StringPool pool)
    {
        switch (reader.LocalName)
        {
            case "license": p.License = pool.Intern(XmlParsing.Text(reader)); break;
            case "vendor": p.Vendor = pool.Intern(XmlParsing.Text(reader)); break;
            case "group": p.Group = pool.Intern(XmlParsing.Text(reader)); break;
            case "buildhost": p.BuildHost = pool.Intern(XmlParsing.Text(reader)); break;
            case "sourcerpm": p.SourceRpm = pool.Intern(XmlParsing.Text(reader)); break;
            case "header-range":
                p.HeaderStart = XmlParsing.Number(reader, "start", source) ?? 0;
                p.HeaderEnd = XmlParsing.Number(reader, "end", source) ?? 0;
                reader.Skip();
                break;
            case "provides": p.Provides = ReadEntries(reader, source, pool); break;
            case "requires": p.Requires = ReadEntries(reader, source, pool); break;
            case "conflicts": p.Conflicts = ReadEntries(reader, source, pool); break;
            case "obsoletes": p.Obsoletes = ReadEntries(reader, source, pool); break;
            case "recommends": p.Recommends = ReadEntries(reader, source, pool); break;
            case "suggests": p.Suggests = ReadEntries(reader, source, pool); break;
            case "supplements": p.Supplements = ReadEntries(reader, source, pool); break;
            case "enhances": p.Enhances = ReadEntries(reader, source, pool); break;
            case "file": (p.Files ??= []).Add(ReadFile(reader, source, pool)); break;
            default: reader.Skip(); break;
        }
    }

    private static Dependency[] ReadEntries(XmlReader reader, string source, StringPool pool)
    {
        var list = new List<Dependency>();
        XmlParsing.ForEachChild(reader, r =>
        {
            if (r.LocalName == "entry")
            {
                list.Add(DependencyEntries.Read(r, pool, source));
            }
            else
            {
                r.Skip();
            }
        });
        return [.. list];
    }

    /// <summary>Reads a &lt;file [type="dir|ghost"]&gt; element of primary or filelists.</summary>
    internal static RpmMdFile ReadFile(XmlReader reader, string source, StringPool pool)
    {
        var typeText = reader.GetAttribute("type");
        var type = typeText switch
        {
            null or "" or "file" => RpmMdFileType.File,
            "dir" => RpmMdFileType.Dir,
            "ghost" => RpmMdFileType.Ghost,
            _ => throw new InvalidDataException($"{XmlParsing.Where(reader, source)}: <file type=\"{typeText}\"> is not a known file type (expected dir or ghost)."),
        };
        var path = XmlParsing.Text(reader);
        return new RpmMdFile(pool.Intern(path), type);
    }
}
