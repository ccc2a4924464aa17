using System.Xml;

namespace Basalt.Repositories.Metadata;

/// <summary>The <c>&lt;file [type="dir|ghost"]&gt;path&lt;/file&gt;</c> element of primary.xml and filelists.xml.</summary>
internal static class FileEntries
{
    /// <summary>The type for a type attribute's value (absent, "" and "file" are plain files); null when unknown.</summary>
    public static RpmMdFileType? ParseType(ReadOnlySpan<char> type) => type switch
    {
        "" or "file" => RpmMdFileType.File,
        "dir" => RpmMdFileType.Dir,
        "ghost" => RpmMdFileType.Ghost,
        _ => null,
    };

    /// <summary>The error for an unknown type attribute.</summary>
    public static string UnknownTypeMessage(string where, string type)
        => $"{where}: <file type=\"{type}\"> is not a known file type (expected dir or ghost).";

    /// <summary>Reads a &lt;file&gt; element with an XmlReader (filelists.xml).</summary>
    public static RpmMdFile Read(XmlReader reader, string source, StringPool pool)
    {
        var typeText = reader.GetAttribute("type");
        var type = typeText is null ? RpmMdFileType.File
            : ParseType(typeText) ?? throw new InvalidDataException(UnknownTypeMessage(XmlParsing.Where(reader, source), typeText));
        return new RpmMdFile(pool.Intern(XmlParsing.Text(reader)), type);
    }
}
