using Basalt.Imaging.Cosi;
using Basalt.Imaging.Qcow2;
using Basalt.Imaging.Vhd;

namespace Basalt.Imaging.Disk;

/// <summary>Detects the container format of a disk image: COSI (tar with cosi-marker), qcow2 (magic at 0), VHD (footer at the end), else raw.</summary>
public static class DiskFormats
{
    /// <summary>The formats tried before falling back to raw, most specific first.</summary>
    public static IReadOnlyList<IDiskFormat> Known { get; } = [new CosiDiskFormat(), new Qcow2Format(), new VhdFormat()];

    /// <summary>Opens <paramref name="stream"/> (seekable, owned by the caller) with the first format that claims it.</summary>
    public static DiskView Open(Stream stream, IEnumerable<IDiskFormat>? additional = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("Disk images must be seekable.", nameof(stream));
        }

        foreach (var format in (additional ?? []).Concat(Known))
        {
            if (format.TryOpen(stream, out var view))
            {
                return view;
            }
        }

        return new RawDiskView(stream, stream.Length, leaveOpen: true);
    }

    private sealed class Qcow2Format : IDiskFormat
    {
        public string Name => "qcow2";

        public bool TryOpen(Stream stream, out DiskView view)
        {
            var ok = Qcow2DiskView.TryOpen(stream, out var qcow2);
            view = qcow2;
            return ok;
        }
    }

    private sealed class VhdFormat : IDiskFormat
    {
        public string Name => "vhd";

        public bool TryOpen(Stream stream, out DiskView view)
        {
            var ok = VhdDiskView.TryOpen(stream, out var vhd);
            view = vhd;
            return ok;
        }
    }
}
