using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>The &lt;format&gt; element of a primary package: rpm header fields, dependency lists and primary's files.</summary>
public static partial class PrimaryReader
{
    private static void ReadFormatChild(Utf8XmlReader xml, PackageBuilder p)
    {
        var name = xml.LocalName;
        var pool = p.Pool;
        if (name.SequenceEqual("file"u8))
        {
            (p.Files ??= []).Add(ReadFile(xml, pool));
        }
        else if (DependencyKind(name) is { } kind)
        {
            p.SetDependencies(kind, ReadEntries(xml, p));
        }
        else if (name.SequenceEqual("license"u8))
        {
            p.License = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("vendor"u8))
        {
            p.Vendor = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("group"u8))
        {
            p.Group = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("buildhost"u8))
        {
            p.BuildHost = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("sourcerpm"u8))
        {
            p.SourceRpm = pool.Intern(xml.ReadText());
        }
        else if (name.SequenceEqual("header-range"u8))
        {
            p.HeaderStart = Number(xml, "start"u8, p.Source) ?? 0;
            p.HeaderEnd = Number(xml, "end"u8, p.Source) ?? 0;
            xml.Skip();
        }
        else
        {
            xml.Skip();
        }
    }

    /// <summary>The dependency list an element of &lt;format&gt; holds, by its local name; null for other elements.</summary>
    private static int? DependencyKind(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < DependencyElements.Length; i++)
        {
            if (name.SequenceEqual(DependencyElements[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static Dependency[] ReadEntries(Utf8XmlReader xml, PackageBuilder p)
    {
        var list = p.Entries;
        list.Clear();
        if (!xml.IsEmptyElement)
        {
            while (xml.NextChild())
            {
                if (xml.LocalName.SequenceEqual("entry"u8))
                {
                    list.Add(DependencyEntries.Read(xml, p.Pool));
                }

                xml.Skip();
            }
        }

        return list.Count == 0 ? [] : [.. list];
    }

    /// <summary>Reads a &lt;file [type="dir|ghost"]&gt; element of primary.</summary>
    private static RpmMdFile ReadFile(Utf8XmlReader xml, StringPool pool)
    {
        var type = RpmMdFileType.File;
        if (xml.FindAttribute("type"u8) is >= 0 and int index)
        {
            var text = xml.AttributeValue(index);
            type = FileEntries.ParseType(text) ?? throw new InvalidDataException(FileEntries.UnknownTypeMessage(xml.Where, text.ToString()));
        }

        return new RpmMdFile(pool.Intern(xml.ReadText()), type);
    }
}
