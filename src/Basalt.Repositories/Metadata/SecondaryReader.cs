using System.Xml;

namespace Basalt.Repositories.Metadata;

/// <summary>One package entry of filelists.xml or other.xml, joined to primary by <see cref="PkgId"/>.</summary>
/// <param name="PkgId">The package checksum hex (the pkgid attribute).</param>
/// <param name="Name">The name attribute.</param>
/// <param name="Arch">The arch attribute.</param>
/// <param name="Files">The files (filelists.xml), else empty.</param>
/// <param name="Changelogs">The changelog entries (other.xml), else empty.</param>
public sealed record SecondaryPackage(string PkgId, string Name, string Arch, IReadOnlyList<RpmMdFile> Files, IReadOnlyList<RpmMdChangelog> Changelogs);

/// <summary>
/// Streams filelists.xml (root &lt;filelists&gt;) and other.xml (root &lt;otherdata&gt;): per package the pkgid, name,
/// arch and its files or changelog entries. A package without pkgid, name or arch, a bad file type or a non-numeric
/// changelog date is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class SecondaryReader
{
    /// <summary>Reads filelists.xml.</summary>
    public static IEnumerable<SecondaryPackage> ReadFilelists(Stream stream, string source, StringPool? pool = null)
        => Read(stream, source, "filelists", pool ?? new StringPool());

    /// <summary>Reads other.xml.</summary>
    public static IEnumerable<SecondaryPackage> ReadOther(Stream stream, string source, StringPool? pool = null)
        => Read(stream, source, "otherdata", pool ?? new StringPool());

    private static IEnumerable<SecondaryPackage> Read(Stream stream, string source, string root, StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = XmlParsing.Create(stream);
        XmlParsing.Guard(source, () =>
        {
            XmlParsing.ReadRoot(reader, root, source);
            return 0;
        });
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        int depth = reader.Depth;
        XmlParsing.Guard(source, reader.Read);
        while (XmlParsing.Guard(source, () => Next(reader, depth, source, pool)) is { } package)
        {
            yield return package;
        }
    }

    private static SecondaryPackage? Next(XmlReader reader, int rootDepth, string source, StringPool pool)
    {
        return XmlParsing.MoveToChild(reader, rootDepth, "package", "Unexpected end of document before the root element's end.")
            ? ReadPackage(reader, source, pool)
            : null;
    }

    private static SecondaryPackage ReadPackage(XmlReader reader, string source, StringPool pool)
    {
        var where = XmlParsing.Where(reader, source);
        var pkgid = reader.GetAttribute("pkgid");
        var name = reader.GetAttribute("name");
        var arch = reader.GetAttribute("arch");
        if (string.IsNullOrEmpty(pkgid))
        {
            throw new InvalidDataException($"{where}: <package name=\"{name}\"> has no pkgid attribute.");
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(arch))
        {
            throw new InvalidDataException($"{where}: <package pkgid=\"{pkgid}\"> has no {(string.IsNullOrEmpty(name) ? "name" : "arch")} attribute.");
        }

        List<RpmMdFile>? files = null;
        List<RpmMdChangelog>? changelogs = null;
        XmlParsing.ForEachChild(reader, r =>
        {
            switch (r.LocalName)
            {
                case "file":
                    (files ??= []).Add(FileEntries.Read(r, source, pool));
                    break;
                case "changelog":
                    var author = r.GetAttribute("author") ?? "";
                    var date = XmlParsing.Number(r, "date", source) ?? 0;
                    (changelogs ??= []).Add(new RpmMdChangelog(author, date, XmlParsing.Text(r)));
                    break;
                default:
                    r.Skip();
                    break;
            }
        });
        return new SecondaryPackage(pkgid.ToLowerInvariant(), pool.Intern(name), pool.Intern(arch),
            files is null ? [] : [.. files], changelogs is null ? [] : [.. changelogs]);
    }
}
