namespace Basalt.Imaging.Disk;

/// <summary>
/// A container format that can present a disk image as a <see cref="DiskView"/>. Detection tries each
/// registered format in turn; raw is the fallback. New formats (e.g. COSI) add an implementation.
/// </summary>
public interface IDiskFormat
{
    string Name { get; }

    /// <summary>False when the stream is not this format; throws <see cref="InvalidDataException"/> when it is, but damaged.</summary>
    bool TryOpen(Stream stream, out DiskView view);
}
