using System.Buffers.Binary;
using System.Text;

namespace Basalt.Imaging.Erofs;

public static partial class ErofsReader
{

    /// <summary>
    /// The (name, nid) pairs of a directory, "." and ".." left out. Each block of the directory's data holds
    /// 12-byte dirents, then their names; the first dirent's nameoff gives the dirent count; a name ends where
    /// the next begins, the block's last one at the end of the used bytes or at a NUL (erofs docs, "Directories").
    /// </summary>
    private static List<(string Name, ulong Nid)> ReadDirectory(Source source, Superblock sb, ErofsEntry directory)
    {
        var children = new List<(string Name, ulong Nid)>();
        var buffer = new byte[sb.BlockSize];
        byte[] previous = [];
        for (long start = 0; start < directory.Size; start += sb.BlockSize)
        {
            var block = buffer.AsSpan(0, (int)Math.Min(sb.BlockSize, directory.Size - start));
            ReadLogical(source, directory, start, block);
            previous = ReadDirectoryBlock(source, directory, start, block, previous, children);
        }

        return children;
    }

    private static byte[] ReadDirectoryBlock(Source source, ErofsEntry directory, long start, ReadOnlySpan<byte> block, byte[] previous, List<(string Name, ulong Nid)> children)
    {
        var where = $"directory '{directory.Path}' (nid {directory.Nid}) block at byte {start}";
        if (block.Length < ErofsLayout.DirentSize)
        {
            throw source.Corrupt($"{where} has {block.Length} bytes, too few for a dirent.");
        }

        int first = BinaryPrimitives.ReadUInt16LittleEndian(block[ErofsLayout.DirentNameOffset..]);
        if (first < ErofsLayout.DirentSize || first % ErofsLayout.DirentSize != 0 || first > block.Length)
        {
            throw source.Corrupt($"{where} has first name offset {first}, which is no dirent count within {block.Length} bytes.");
        }

        var count = first / ErofsLayout.DirentSize;
        for (var i = 0; i < count; i++)
        {
            var dirent = block[(i * ErofsLayout.DirentSize)..];
            var nid = BinaryPrimitives.ReadUInt64LittleEndian(dirent);
            int nameStart = BinaryPrimitives.ReadUInt16LittleEndian(dirent[ErofsLayout.DirentNameOffset..]);
            var last = i == count - 1;
            int nameEnd = last ? block.Length : BinaryPrimitives.ReadUInt16LittleEndian(block[(((i + 1) * ErofsLayout.DirentSize) + ErofsLayout.DirentNameOffset)..]);
            if (nameStart < first || nameEnd > block.Length || nameEnd <= nameStart)
            {
                throw source.Corrupt($"{where}: dirent {i} names bytes {nameStart}..{nameEnd}, outside the names area {first}..{block.Length}.");
            }

            var name = block[nameStart..nameEnd];
            if (last && name.IndexOf((byte)0) is var nul and >= 0)
            {
                name = name[..nul];
            }

            if (name.Length is 0 or > ErofsLayout.MaxNameLength || name.IndexOfAny((byte)0, (byte)'/') >= 0)
            {
                throw source.Corrupt($"{where}: dirent {i} has an empty, over-long or '/'/NUL-holding name.");
            }

            // The kernel binary-searches names, so they are in strict byte order across the directory.
            if (name.SequenceCompareTo(previous) <= 0)
            {
                throw source.Corrupt($"{where}: dirent {i} ('{Encoding.UTF8.GetString(name)}') is not in strict byte order.");
            }

            previous = name.ToArray();
            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            {
                continue;
            }

            children.Add((Encoding.UTF8.GetString(name), nid));
        }

        return previous;
    }

    /// <summary>Reads the entry's bytes [logical, logical + destination.Length) through its extents.</summary>
    private static void ReadLogical(Source source, ErofsEntry entry, long logical, Span<byte> destination)
    {
        long extentStart = 0;
        foreach (var (offset, length) in entry.Extents)
        {
            if (destination.IsEmpty)
            {
                return;
            }

            if (logical < extentStart + length)
            {
                var skip = logical - extentStart;
                var take = (int)Math.Min(destination.Length, length - skip);
                source.Read(offset + skip, destination[..take], $"data of '{entry.Path}' (nid {entry.Nid})");
                destination = destination[take..];
                logical += take;
            }

            extentStart += length;
        }

        if (!destination.IsEmpty)
        {
            throw source.Corrupt($"data of '{entry.Path}' (nid {entry.Nid}) ends before byte {logical}.");
        }
    }
}
