using System.Text;
using Basalt.Repositories.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Metadata;

/// <summary>
/// The byte-level <see cref="PrimaryReader"/> against the XmlReader-based reader it replaced
/// (<see cref="LegacyPrimaryReader"/>): every field of every package of every primary.xml under shared/data/repodata,
/// and hand-written documents that exercise the XML the tokenizer must handle the way XML requires.
/// </summary>
public sealed class PrimaryReaderDifferentialTests
{
    public static TheoryData<string> PrimaryFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures.Files("repodata", "*primary*"))
        {
            // zchunk is refused by MetadataFiles (tested there); sqlite is another format.
            if (!file.EndsWith(".zck", StringComparison.Ordinal) && !file.Contains("sqlite", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(Fixtures.DataRoot, file));
            }
        }

        return data;
    }

    private static (List<string>? Packages, string? Error) Run(Func<IEnumerable<RpmMdPackage>> read)
    {
        try
        {
            return ([.. read().Select(LegacyPrimaryReader.Render)], null);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
    }

    private static void AssertSame(byte[] document, string source, bool keepText = true)
    {
        var expected = Run(() => LegacyPrimaryReader.Read(new MemoryStream(document), source, keepText));
        var actual = Run(() => PrimaryReader.Read(new MemoryStream(document), source, null, keepText));

        Assert.True((expected.Error is null) == (actual.Error is null), $"XmlReader: {expected.Error ?? "ok"}\nUtf8XmlReader: {actual.Error ?? "ok"}");
        Assert.Equal(expected.Packages, actual.Packages);
    }

    [Theory]
    [MemberData(nameof(PrimaryFiles))]
    public void Read_EveryFixture_EqualsXmlReaderPath(string relative)
    {
        using var stream = MetadataFiles.Open(Fixtures.Path(relative));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var document = buffer.ToArray();

        AssertSame(document, relative);
        AssertSame(document, relative, keepText: false);
    }

    private const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"1\">\n";

    private const string Checksum = "<checksum type=\"sha256\" pkgid=\"YES\">0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF</checksum>";

    private static string Package(string body, string name = "<name>p</name>")
        => $"<package type=\"rpm\">{name}<arch>x86_64</arch><version epoch=\"0\" ver=\"1\" rel=\"1\"/>{Checksum}<location href=\"p.rpm\"/>{body}</package>";

    [Theory]
    // Entities, character references (decimal, hex, astral), CDATA and CR/LF normalisation in text.
    [InlineData("<summary>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#x1F600;</summary><description><![CDATA[x <y> & z]]> and\r\nmore\rend</description>")]
    // Attribute value normalisation: literal tab/LF/CR become spaces, references do not; single quotes; any order; spaces around '='.
    [InlineData("<format><rpm:provides><rpm:entry rel = '1' ver=\"1&#9;2\" flags='EQ' name=\"a&#10;b\tc\r\nd &amp; e\" epoch=\"3\"/></rpm:provides></format>")]
    // Comments and processing instructions anywhere; whitespace-only text; unknown elements with children.
    [InlineData("<!-- c --><?pi x?><url>  </url><foo><bar a=\"1\">t</bar></foo><format><!-- d --><rpm:license>MIT<!-- e --> and GPL</rpm:license><file type=\"dir\">/a&amp;b</file><file>/c</file></format>")]
    // Whitespace-only text: literal, from a character reference, around an empty CDATA section.
    [InlineData("<summary>&#32;</summary><description> <![CDATA[]]> </description><url>\r\n\t</url>")]
    [InlineData("<summary> <!-- c --> x</summary><description>a <!-- c --> </description><url> <![CDATA[ u ]]> </url>")]
    // Non-ASCII UTF-8 in text and attributes; a non-entry child of a dependency list.
    [InlineData("<packager>Jörg Müller 日本</packager><format><rpm:requires><rpm:entry name=\"libé.so\" pre=\"1\"/><x/><rpm:entry name=\"(a or b)\"/></rpm:requires></format>")]
    // Numbers, header range, xml:base.
    [InlineData("<time file=\" 12 \" build=\"13.0\"/><size package=\"1\" installed=\"2\" archive=\"3\"/><format><rpm:header-range start=\"4\" end=\"5\"/></format><location xml:base=\"http://x/\" href=\"y.rpm\"/>")]
    // Malformed: undeclared entity, bare ampersand, bad character reference, '<' in a value, mismatched tags, duplicate attribute.
    [InlineData("<summary>&nbsp;</summary>")]
    [InlineData("<summary>a & b</summary>")]
    [InlineData("<summary>&#0;</summary>")]
    [InlineData("<summary>&#xD800;</summary>")]
    [InlineData("<url a=\"<\"/>")]
    [InlineData("<url></uri>")]
    [InlineData("<url a=\"1\" a=\"2\"/>")]
    [InlineData("<url a=\"1\"b=\"2\"/>")]
    [InlineData("<summary>]]></summary>")]
    [InlineData("<summary>a<b/>c</summary>")]
    [InlineData("<!-- a -- b -->")]
    [InlineData("<x:url/>")]
    [InlineData("<summary>\u0001</summary>")]
    // Semantic errors: unknown flags, missing entry name, unknown file type, bad number, bad epoch.
    [InlineData("<format><rpm:requires><rpm:entry name=\"a\" flags=\"XX\"/></rpm:requires></format>")]
    [InlineData("<format><rpm:requires><rpm:entry flags=\"EQ\"/></rpm:requires></format>")]
    [InlineData("<format><file type=\"socket\">/a</file></format>")]
    [InlineData("<time file=\"-1\"/>")]
    public void Read_HandWrittenPackage_EqualsXmlReaderPath(string body)
    {
        AssertSame(Encoding.UTF8.GetBytes(Head + Package(body) + "\n</metadata>\n"), "hand.xml");
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><metadata/>")]
    [InlineData("\uFEFF<?xml version=\"1.0\"?>\r\n<!-- c -->\r\n<metadata xmlns=\"x\"></metadata>")]
    [InlineData("<metadata>")]
    [InlineData("")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">]><metadata/>")]
    [InlineData("text<metadata/>")]
    [InlineData(" <?xml version=\"1.0\"?><metadata/>")]
    [InlineData("<metadata><package><name>p</name>")]
    public void Read_HandWrittenDocument_EqualsXmlReaderPath(string document)
    {
        AssertSame(Encoding.UTF8.GetBytes(document), "doc.xml");
    }

    [Fact]
    public void Read_InvalidUtf8_FailsAsMalformed()
    {
        var document = Encoding.UTF8.GetBytes(Head + Package("<summary>xx</summary>") + "</metadata>");
        int at = document.AsSpan().IndexOf("xx"u8);
        document[at] = 0xC3;

        var ex = Assert.Throws<InvalidDataException>(() => PrimaryReader.Read(new MemoryStream(document), "bad.xml").ToList());

        Assert.Equal("'bad.xml': malformed XML: Invalid UTF-8 byte sequence. Line 3, position " + (at - Array.LastIndexOf(document, (byte)'\n', at)) + ".", ex.Message);
        Assert.Throws<InvalidDataException>(() => LegacyPrimaryReader.Read(new MemoryStream(document), "bad.xml").ToList());
    }

    [Fact]
    public void Read_ChunkedStream_EqualsWholeDocument()
    {
        // A stream that returns one byte at a time cuts every token, reference and UTF-8 sequence at a buffer end.
        var document = Encoding.UTF8.GetBytes(Head + Package("<summary>Jörg &amp; 日本 &#x1F600;</summary><description>a\r\nb</description><format><file>/é</file></format>") + "</metadata>");
        var whole = PrimaryReader.Read(new MemoryStream(document), "x").Select(LegacyPrimaryReader.Render).ToList();
        var trickled = PrimaryReader.Read(new TrickleStream(document), "x").Select(LegacyPrimaryReader.Render).ToList();

        Assert.Equal(whole, trickled);
        Assert.Contains("summary Jörg & 日本 😀", whole[0], StringComparison.Ordinal);
    }

    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
