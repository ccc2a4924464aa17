using System.Xml;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Reads repomd.xml (rpm-md "repo" namespace): the revision, tags and one record per &lt;data type&gt;. A data
/// element without a type, checksum or location is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class RepoMdReader
{
    /// <summary>repomd.xml is small; anything larger is refused before parsing.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Parses the repomd.xml in <paramref name="stream"/>; <paramref name="source"/> names it in messages.</summary>
    public static RepoMd Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return XmlParsing.Guard(source, () =>
        {
            using var reader = XmlParsing.Create(stream);
            XmlParsing.ReadRoot(reader, "repomd", source);
            string revision = "";
            var records = new List<RepoMdRecord>();
            var tags = new List<string>();
            XmlParsing.ForEachChild(reader, r =>
            {
                switch (r.LocalName)
                {
                    case "revision": revision = XmlParsing.Text(r).Trim(); break;
                    case "data": records.Add(ReadData(r, source)); break;
                    case "tags":
                        XmlParsing.ForEachChild(r, t => tags.Add(t.LocalName + ":" + XmlParsing.Text(t)));
                        break;
                    default: r.Skip(); break;
                }
            });
            return new RepoMd(revision, records) { Tags = tags };
        });
    }

    /// <summary>Parses the repomd.xml file at <paramref name="path"/>.</summary>
    public static RepoMd Read(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > MaxBytes)
        {
            throw new InvalidDataException($"'{path}' is {stream.Length} bytes; repomd.xml over {MaxBytes} bytes is refused.");
        }

        return Read(stream, path);
    }

    private static RepoMdRecord ReadData(XmlReader reader, string source)
    {
        var where = XmlParsing.Where(reader, source);
        var type = reader.GetAttribute("type");
        if (string.IsNullOrEmpty(type))
        {
            throw new InvalidDataException($"{where}: <data> has no type attribute.");
        }

        RepoChecksum? checksum = null, openChecksum = null;
        string? location = null, locationBase = null;
        long? size = null, openSize = null, timestamp = null, dbVersion = null;
        XmlParsing.ForEachChild(reader, r =>
        {
            switch (r.LocalName)
            {
                case "checksum": checksum = ReadChecksum(r, source); break;
                case "open-checksum": openChecksum = ReadChecksum(r, source); break;
                case "location":
                    location = r.GetAttribute("href");
                    locationBase = r.GetAttribute("xml:base");
                    r.Skip();
                    break;
                case "size": size = NumberText(r, source); break;
                case "open-size": openSize = NumberText(r, source); break;
                case "timestamp": timestamp = NumberText(r, source); break;
                case "database_version": dbVersion = NumberText(r, source); break;
                default: r.Skip(); break;
            }
        });
        if (checksum is null || string.IsNullOrEmpty(location))
        {
            throw new InvalidDataException($"{where}: <data type=\"{type}\"> has no {(checksum is null ? "checksum" : "location href")}.");
        }

        return new RepoMdRecord(type, location, checksum)
        {
            LocationBase = locationBase,
            OpenChecksum = openChecksum,
            Size = size,
            OpenSize = openSize,
            Timestamp = timestamp,
            DatabaseVersion = dbVersion is { } v ? (int)Math.Min(v, int.MaxValue) : null,
        };
    }

    private static RepoChecksum ReadChecksum(XmlReader reader, string source)
    {
        var where = XmlParsing.Where(reader, source);
        var type = reader.GetAttribute("type");
        var hex = XmlParsing.Text(reader).Trim();
        if (string.IsNullOrEmpty(type) || hex.Length == 0)
        {
            throw new InvalidDataException($"{where}: <checksum> needs a type attribute and a value.");
        }

        return new RepoChecksum(type, hex.ToLowerInvariant());
    }

    private static long NumberText(XmlReader reader, string source)
    {
        var what = $"{XmlParsing.Where(reader, source)} <{reader.LocalName}>";
        return XmlParsing.ParseNumber(XmlParsing.Text(reader), what);
    }
}
