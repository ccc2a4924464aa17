namespace Basalt.Imaging.Erofs;

public static partial class ErofsReader
{
    /// <summary>Positioned, bounds-checked reads from the image; every failure names the image, the thing and the offset.</summary>
    private sealed class Source(Stream stream, string name)
    {
        public string Name { get; } = name;

        public long Length { get; } = stream.Length;

        /// <summary>Throws unless [offset, offset + length) lies inside the image.</summary>
        public void Check(long offset, long length, string what)
        {
            if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
            {
                throw new InvalidDataException($"EROFS image '{Name}': {what} at offset {offset} (+{length} bytes) lies outside the image ({Length} bytes).");
            }
        }

        /// <summary>Reads exactly <paramref name="destination"/>.Length bytes at <paramref name="offset"/>.</summary>
        public void Read(long offset, Span<byte> destination, string what)
        {
            Check(offset, destination.Length, what);
            stream.Position = offset;
            stream.ReadExactly(destination);
        }

        public InvalidDataException Corrupt(string message) => new($"EROFS image '{Name}': {message}");
    }

    /// <summary>The superblock fields the walk needs.</summary>
    private sealed record Superblock(int BlockSize, ulong RootNid, long MetaStart, long XattrStart);
}
