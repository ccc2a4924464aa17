namespace Basalt.Imaging.Disk;

/// <summary>A raw image (or the raw prefix of a fixed VHD): guest offset = file offset.</summary>
public sealed class RawDiskView : DiskView
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    public RawDiskView(Stream stream, long size, string format = "raw", bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > stream.Length)
        {
            throw new InvalidDataException($"{format} disk: size {size} exceeds the file length {stream.Length}.");
        }

        _stream = stream;
        Size = size;
        Format = format;
        _leaveOpen = leaveOpen;
    }

    public override string Format { get; }

    public override long Size { get; }

    protected override void ReadCore(long offset, Span<byte> buffer) => ReadExactlyAt(_stream, offset, buffer, Format + " disk");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
