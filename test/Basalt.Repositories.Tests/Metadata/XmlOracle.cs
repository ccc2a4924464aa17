using System.Xml;
using System.Xml.Linq;

namespace Basalt.Repositories.Tests.Metadata;

/// <summary>
/// An independent reading of primary.xml with LINQ to XML (one XElement per package), used to check the streaming
/// reader: it yields "name epoch:ver-rel.arch", the pkgid, and the provides/requires rendered as text.
/// </summary>
internal static class XmlOracle
{
    private static readonly XNamespace Common = "http://linux.duke.edu/metadata/common";
    private static readonly XNamespace Rpm = "http://linux.duke.edu/metadata/rpm";

    public sealed record Package(string Nevra, string PkgId, string[] Provides, string[] Requires, string[] Files);

    public static IEnumerable<Package> Read(Stream stream)
    {
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        reader.MoveToContent();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "package")
            {
                var element = (XElement)XNode.ReadFrom(reader);
                yield return Convert(element);
            }
            else
            {
                reader.Read();
            }
        }
    }

    private static Package Convert(XElement p)
    {
        var version = p.Element(Common + "version")!;
        var epoch = (string?)version.Attribute("epoch") ?? "0";
        var nevra = $"{p.Element(Common + "name")!.Value}-{(epoch == "0" ? "" : epoch + ":")}{version.Attribute("ver")!.Value}-{version.Attribute("rel")!.Value}.{p.Element(Common + "arch")!.Value}";
        var format = p.Element(Common + "format")!;
        return new Package(nevra, p.Element(Common + "checksum")!.Value,
            Entries(format.Element(Rpm + "provides")), Entries(format.Element(Rpm + "requires")),
            [.. format.Elements(Common + "file").Select(f => f.Value)]);
    }

    private static string[] Entries(XElement? list)
        => list is null ? [] : [.. list.Elements(Rpm + "entry").Select(Entry)];

    private static string Entry(XElement e)
    {
        var text = e.Attribute("name")!.Value;
        var flags = (string?)e.Attribute("flags");
        if (flags is not null)
        {
            var op = flags switch { "EQ" => "=", "LT" => "<", "GT" => ">", "LE" => "<=", "GE" => ">=", _ => "?" };
            var epoch = (string?)e.Attribute("epoch");
            var rel = (string?)e.Attribute("rel");
            var evr = (epoch is null or "0" ? "" : epoch + ":") + e.Attribute("ver")!.Value + (rel is null ? "" : "-" + rel);
            text += " " + op + " " + evr;
        }

        return text + ((string?)e.Attribute("pre") == "1" ? " [pre]" : "");
    }

    /// <summary>The same rendering for the streaming reader's dependency.</summary>
    public static string Render(Basalt.Packaging.Dependency d)
        => d + ((d.Flags & Basalt.Packaging.DependencyFlags.ScriptPre) != 0 ? " [pre]" : "");
}
