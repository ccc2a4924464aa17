using System.Globalization;
using System.Xml;

namespace Basalt.Repositories.Metadata;

/// <summary>Shared XmlReader set-up and small helpers for the rpm-md readers.</summary>
internal static class XmlParsing
{
    /// <summary>
    /// A forward-only reader with DTDs prohibited and no resolver: repository metadata is untrusted, and rpm-md never
    /// uses a DTD, so entity expansion attacks are refused outright.
    /// </summary>
    public static XmlReader Create(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
    });

    /// <summary>"'source' line N" for messages.</summary>
    public static string Where(XmlReader reader, string source)
        => reader is IXmlLineInfo info && info.HasLineInfo()
            ? $"'{source}' line {info.LineNumber.ToString(CultureInfo.InvariantCulture)}"
            : $"'{source}'";

    /// <summary>Moves to the document element and checks its local name.</summary>
    public static void ReadRoot(XmlReader reader, string expected, string source)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != expected)
        {
            throw new InvalidDataException($"{Where(reader, source)}: expected the root element <{expected}>, found <{reader.LocalName}>.");
        }
    }

    /// <summary>
    /// Calls <paramref name="onChild"/> for each child element of the current element, which must consume it (read it
    /// to its end or skip it); other nodes are skipped. Leaves the reader after the current element's end.
    /// </summary>
    public static void ForEachChild(XmlReader reader, Action<XmlReader> onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        int depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild(reader);
            }
            else if (reader.NodeType == XmlNodeType.None)
            {
                throw new XmlException("Unexpected end of document.");
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    /// <summary>
    /// Moves to the next <paramref name="name"/> element directly under the root at <paramref name="rootDepth"/>,
    /// skipping any other element whole (unknown elements are allowed); false, past the root's end tag, when none is left.
    /// </summary>
    public static bool MoveToChild(XmlReader reader, int rootDepth, string name, string truncatedMessage)
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement when reader.Depth == rootDepth:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    throw new XmlException(truncatedMessage);
                case XmlNodeType.Element when reader.Depth == rootDepth + 1 && reader.LocalName == name:
                    return true;
                case XmlNodeType.Element:
                    reader.Skip();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }
    }

    /// <summary>Reads a text-only element's content (empty for an empty element) and moves past it.</summary>
    public static string Text(XmlReader reader) => reader.ReadElementContentAsString();

    /// <summary>Parses an optional non-negative integer attribute; null when absent.</summary>
    public static long? Number(XmlReader reader, string attribute, string source)
    {
        var text = reader.GetAttribute(attribute);
        return text is null ? null : ParseNumber(text, $"{Where(reader, source)} <{reader.LocalName} {attribute}>");
    }

    /// <summary>Parses a non-negative integer; a decimal fraction (repomd timestamps such as "1257935775.0") is truncated.</summary>
    public static long ParseNumber(string text, string what)
        => TryParseNumber(text, out long value) ? value : throw new InvalidDataException($"{what}: \"{text}\" is not a non-negative integer.");

    /// <summary>As <see cref="ParseNumber"/>, false instead of throwing.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out long value)
    {
        var span = text.Trim();
        int dot = span.IndexOf('.');
        var whole = dot >= 0 && span[(dot + 1)..].IndexOfAnyExceptInRange('0', '9') < 0 ? span[..dot] : span;
        return long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Runs <paramref name="parse"/>, turning XML syntax errors into InvalidDataException naming the file.</summary>
    public static T Guard<T>(string source, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"'{source}': malformed XML: {ex.Message}", ex);
        }
    }
}
