using System.Globalization;
using Basalt.Imaging.Disk;

namespace Basalt.Imaging.Vhd;

/// <summary>A fixed VHD: the guest disk is the file without its footer.</summary>
public sealed class VhdDiskView : DiskView
{
    private readonly Stream _stream;

    private VhdDiskView(Stream stream, VhdFooter footer)
    {
        _stream = stream;
        Footer = footer;
    }

    public VhdFooter Footer { get; }

    public override string Format => "vhd";

    public override long Size => Footer.CurrentSize;

    /// <summary>False when the file does not end in a VHD footer; throws for a damaged or non-fixed VHD. The stream stays owned by the caller.</summary>
    public static bool TryOpen(Stream stream, out VhdDiskView view)
    {
        ArgumentNullException.ThrowIfNull(stream);
        view = null!;
        if (stream.Length < VhdLayout.FooterSize)
        {
            return false;
        }

        var footerOffset = stream.Length - VhdLayout.FooterSize;
        var bytes = new byte[VhdLayout.FooterSize];
        ReadExactlyAt(stream, footerOffset, bytes, "VHD footer");
        if (!VhdFooter.TryParse(bytes, footerOffset, out var footer))
        {
            return false;
        }

        if (footer.DiskType != VhdLayout.DiskTypeFixed)
        {
            throw new InvalidDataException($"VHD footer at offset {footerOffset}: disk type {footer.DiskType} is not supported (only fixed, type 2).");
        }

        if (footer.CurrentSize != footerOffset)
        {
            throw new InvalidDataException($"VHD footer at offset {footerOffset}: current size {footer.CurrentSize} does not match the {footerOffset} data bytes before the footer.");
        }

        view = new VhdDiskView(stream, footer);
        return true;
    }

    public override IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        KeyValuePair.Create("disk type", Footer.DiskType == VhdLayout.DiskTypeFixed ? "fixed" : Footer.DiskType.ToString(CultureInfo.InvariantCulture)),
        KeyValuePair.Create("creator", $"{Footer.CreatorApplication.TrimEnd('\0', ' ')} 0x{Footer.CreatorVersion:x8}"),
        KeyValuePair.Create("timestamp", VhdLayout.Epoch.AddSeconds(Footer.Timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        KeyValuePair.Create("unique id", Footer.UniqueId.ToString()),
        KeyValuePair.Create("geometry", $"{Footer.Geometry.Cylinders}/{Footer.Geometry.Heads}/{Footer.Geometry.SectorsPerTrack}"),
    ];

    protected override void ReadCore(long offset, Span<byte> buffer) => ReadExactlyAt(_stream, offset, buffer, "vhd disk");
}
