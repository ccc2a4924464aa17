namespace Basalt.Repositories.Metadata;

/// <summary>
/// Streams the packages of a primary.xml (rpm-md "common" namespace) one at a time with <see cref="Utf8XmlReader"/>:
/// the document is never materialised and strings are decoded from pooled buffers straight into the pool, so memory is
/// bounded by one package plus what the caller keeps. Unknown elements are skipped; a package without name, arch,
/// version or pkgid checksum, a number that is not a number, or an unknown file type is an
/// <see cref="InvalidDataException"/> naming the file and line.
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
        using var xml = new Utf8XmlReader(stream, source);
        xml.ReadRoot("metadata");
        if (xml.IsEmptyElement)
        {
            yield break;
        }

        var p = new PackageBuilder(xml, source, pool, keepText);
        while (xml.NextChild())
        {
            if (xml.LocalName.SequenceEqual("package"u8))
            {
                yield return ReadPackage(xml, p);
            }
            else
            {
                xml.Skip();
            }
        }
    }

    private static RpmMdPackage ReadPackage(Utf8XmlReader xml, PackageBuilder p)
    {
        p.Reset(xml.Line);
        if (xml.FindAttribute("type"u8) is >= 0 and int type && !xml.AttributeValue(type).SequenceEqual("rpm"))
        {
            throw new InvalidDataException($"{xml.Where}: <package type=\"{xml.AttributeValue(type)}\"> is not an rpm package.");
        }

        if (!xml.IsEmptyElement)
        {
            while (xml.NextChild())
            {
                ReadPackageChild(xml, p);
            }
        }

        return p.Build();
    }

    private static void ReadPackageChild(Utf8XmlReader xml, PackageBuilder p)
    {
        var name = xml.LocalName;
        var pool = p.Pool;
        if (name.SequenceEqual("format"u8))
        {
            if (!xml.IsEmptyElement)
            {
                while (xml.NextChild())
                {
                    ReadFormatChild(xml, p);
                }
            }
        }
        else if (name.SequenceEqual("name"u8))
        {
            p.Name = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("arch"u8))
        {
            p.Arch = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("version"u8))
        {
            p.Epoch = Attribute(xml, "epoch"u8, pool);
            p.Version = Attribute(xml, "ver"u8, pool);
            p.Release = Attribute(xml, "rel"u8, pool);
            xml.Skip();
        }
        else if (name.SequenceEqual("checksum"u8))
        {
            p.ChecksumType = Attribute(xml, "type"u8, pool);
            p.Checksum = ReadChecksumHex(xml.ReadText());
        }
        else if (name.SequenceEqual("location"u8))
        {
            p.Location = xml.GetAttribute("href"u8);
            p.LocationBase = xml.GetAttribute("xml:base"u8);
            xml.Skip();
        }
        else if (name.SequenceEqual("time"u8))
        {
            p.FileTime = Number(xml, "file"u8, p.Source) ?? 0;
            p.BuildTime = Number(xml, "build"u8, p.Source) ?? 0;
            xml.Skip();
        }
        else if (name.SequenceEqual("size"u8))
        {
            p.PackageSize = Number(xml, "package"u8, p.Source) ?? 0;
            p.InstalledSize = Number(xml, "installed"u8, p.Source) ?? 0;
            p.ArchiveSize = Number(xml, "archive"u8, p.Source) ?? 0;
            xml.Skip();
        }
        else if (!p.KeepText && (name.SequenceEqual("summary"u8) || name.SequenceEqual("description"u8)))
        {
            xml.Skip();
        }
        else if (name.SequenceEqual("summary"u8))
        {
            p.Summary = xml.ReadText().ToString();
        }
        else if (name.SequenceEqual("description"u8))
        {
            p.Description = xml.ReadText().ToString();
        }
        else if (name.SequenceEqual("packager"u8))
        {
            p.Packager = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("url"u8))
        {
            p.Url = pool.Intern(xml.ReadText());
        }
        else
        {
            xml.Skip();
        }
    }

    private static string? Attribute(Utf8XmlReader xml, ReadOnlySpan<byte> name, StringPool pool)
        => xml.FindAttribute(name) is >= 0 and int i ? pool.Intern(xml.AttributeValue(i)) : null;

    /// <summary>The pkgid digest, trimmed and in lowercase (hex is compared case-insensitively).</summary>
    private static string ReadChecksumHex(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        Span<char> lower = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToLowerInvariant(lower);
        return new string(lower);
    }

    /// <summary>Parses an optional non-negative integer attribute; null when absent.</summary>
    private static long? Number(Utf8XmlReader xml, ReadOnlySpan<byte> attribute, string source)
    {
        if (xml.FindAttribute(attribute) is not (>= 0 and int i))
        {
            return null;
        }

        var text = xml.AttributeValue(i);
        return XmlParsing.TryParseNumber(text, out long value)
            ? value
            : throw new InvalidDataException(
                $"{xml.Where} <{xml.LocalNameText} {System.Text.Encoding.UTF8.GetString(attribute)}>: \"{text}\" is not a non-negative integer.");
    }
}
