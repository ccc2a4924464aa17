using System.Globalization;
using Basalt.Imaging.Disk;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// The disk a COSI file describes: each region image at its place (the primary GPT at 0, partitions at their first
/// LBA), zeros everywhere else, including the backup GPT, which COSI does not carry (spec, "COSI as a Disk Image
/// Format"). A shrunk partition image reads as zeros past its end. Decompression restarts only on backward reads.
/// </summary>
internal sealed class CosiDiskView : DiskView
{
    private readonly CosiFile _file;
    private readonly (long Offset, CosiImageFile Image)[] _regions;
    private Stream? _open;
    private int _openRegion = -1;
    private long _openPosition;

    public CosiDiskView(CosiFile file)
    {
        _file = file;
        var disk = file.Metadata.Disk;
        _regions = [.. disk.GptRegions.Select(r => (r.Number is { } n ? file.Gpt.Partitions.Single(p => p.Number == n).OffsetBytes : 0L, r.Image))];
    }

    public override string Format => "cosi";

    public override long Size => _file.Metadata.Disk.Size;

    public override IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        var m = _file.Metadata;
        var details = new List<KeyValuePair<string, string>>
        {
            new("COSI version", m.Version),
            new("OS architecture", m.OsArch),
            new("OS", PrettyName(m.OsRelease)),
            new("Bootloader", m.Bootloader.Type),
            new("Packages", m.Packages.Count.ToString(CultureInfo.InvariantCulture)),
            new("Max zstd window log", m.MaxWindowLog.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var fs in m.Images)
        {
            var verity = fs.Verity is null ? "" : $", verity {fs.Verity.Image.Path} root hash {fs.Verity.RootHash}";
            details.Add(new($"Filesystem {fs.MountPoint}", $"{fs.FsType} {fs.FsUuid} in {fs.Image.Path} ({fs.Image.UncompressedSize} bytes){verity}"));
        }

        return details;
    }

    protected override void ReadCore(long offset, Span<byte> buffer)
    {
        buffer.Clear();
        var end = offset + buffer.Length;
        for (var i = 0; i < _regions.Length; i++)
        {
            var (start, image) = _regions[i];
            var from = Math.Max(offset, start);
            var to = Math.Min(end, start + image.UncompressedSize);
            if (from < to)
            {
                ReadRegion(i, from - start, buffer.Slice((int)(from - offset), (int)(to - from)));
            }
        }
    }

    private void ReadRegion(int index, long position, Span<byte> destination)
    {
        if (_openRegion != index || _openPosition > position)
        {
            _open?.Dispose();
            _open = _file.OpenImage(_regions[index].Image);
            _openRegion = index;
            _openPosition = 0;
        }

        if (position > _openPosition)
        {
            Basalt.IO.StreamReading.Skip(_open!, position - _openPosition, _regions[index].Image.Path);
        }

        _open!.ReadExactly(destination);
        _openPosition = position + destination.Length;
    }

    private static string PrettyName(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"', '\'');
            }
        }

        return "(no PRETTY_NAME)";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _open?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// Lets <c>disk info</c> open COSI files: claims a stream whose first tar member is <c>cosi-marker</c>, then validates
/// the whole file with <see cref="CosiReader"/> (a damaged COSI throws <see cref="InvalidDataException"/>).
/// </summary>
public sealed class CosiDiskFormat : IDiskFormat
{
    public string Name => "cosi";

    public bool TryOpen(Stream stream, out DiskView view)
    {
        ArgumentNullException.ThrowIfNull(stream);
        view = null!;
        if (!CosiReader.IsCosi(stream))
        {
            return false;
        }

        view = new CosiDiskView(CosiReader.Read(stream, stream is FileStream file ? Path.GetFileName(file.Name) : "input"));
        return true;
    }
}
