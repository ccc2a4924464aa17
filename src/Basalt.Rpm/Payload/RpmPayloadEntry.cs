using Basalt.IO.Cpio;
using Basalt.Rpm.Metadata;

namespace Basalt.Rpm.Payload;

/// <summary>
/// One payload entry matched with its file in the package header. Attributes come from the header (rpm's own source
/// of truth); <see cref="Data"/> streams the content and checks size and digest when it reaches the end.
/// </summary>
public sealed class RpmPayloadEntry
{
    internal RpmPayloadEntry(int index, RpmFileInfo file, string relativePath, CpioEntry cpio, bool hasContent, Stream data)
    {
        Index = index;
        File = file;
        RelativePath = relativePath;
        Cpio = cpio;
        HasContent = hasContent;
        Data = data;
    }

    /// <summary>The index into the header's file arrays.</summary>
    public int Index { get; }

    public RpmFileInfo File { get; }

    /// <summary>The path without the leading '/', normalised and checked to contain no ".." ("usr/bin/x").</summary>
    public string RelativePath { get; }

    /// <summary>The cpio header as read (for stripped entries only the file index and size).</summary>
    public CpioEntry Cpio { get; }

    /// <summary>
    /// True when this entry carries the file's bytes. False for the earlier links of a hard-link group: rpm stores the
    /// data once, on the last link.
    /// </summary>
    public bool HasContent { get; }

    /// <summary>The content (for a symlink, its target); verified against the header when read to the end.</summary>
    public Stream Data { get; }

    public bool IsHardLink => File.LinkCount > 1;
}
