using System.Buffers;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Query;

/// <summary>
/// rpm's query format language (<c>rpm -qp --queryformat</c>): compile a format once, render it per package to
/// the exact bytes rpm 4.18 prints. Supports every tag name rpm knows (with aliases and extension tags such as
/// NEVRA, FILENAMES, REQUIRENEVRS), widths, arrays, <c>%{=TAG}</c>, <c>%{#TAG}</c>, conditionals, escapes and rpm
/// 4.18's formatters. Format errors are <see cref="FormatException"/>s naming the offset; a header that cannot be
/// rendered (arrays of different sizes, inconsistent file tags) gives <see cref="InvalidDataException"/>.
/// </summary>
public sealed class RpmQueryFormatter
{
    /// <summary>The most one rendering may produce; bounds hostile widths times hostile array sizes.</summary>
    public const int MaxOutputBytes = 256 * 1024 * 1024;

    private readonly QueryToken[] _tokens;

    private RpmQueryFormatter(string format, QueryToken[] tokens)
    {
        Format = format;
        _tokens = tokens;
    }

    /// <summary>The format text as given.</summary>
    public string Format { get; }

    /// <summary>Parses <paramref name="format"/>; throws <see cref="FormatException"/> with rpm's message and the offset.</summary>
    public static RpmQueryFormatter Compile(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new RpmQueryFormatter(format, QueryFormatParser.Parse(format));
    }

    /// <summary>Renders for a package as <c>rpm -qp</c> does: signature tags merged into the header.</summary>
    public byte[] Render(RpmPackageHeaders package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Render(package.Header, package.Signature, package.Lead.Type == 1);
    }

    /// <summary>Renders for a header, optionally with the signature header whose tags rpm copies into it.</summary>
    public byte[] Render(RpmHeader header, RpmHeader? signature = null, bool isSourceLead = false)
    {
        var output = new ArrayBufferWriter<byte>();
        Render(header, signature, isSourceLead, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Appends the rendering to <paramref name="output"/>; nothing is appended when rendering fails.</summary>
    public void Render(RpmHeader header, RpmHeader? signature, bool isSourceLead, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>();
        QueryRenderer.Render(_tokens, new QueryHeader(header, signature, isSourceLead), buffer);
        output.Write(buffer.WrittenSpan);
    }
}
