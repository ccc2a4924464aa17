using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// A directory's contents in EROFS form: blocks that each hold a run of 12-byte dirents followed by the
/// names they point to (no terminators; a name ends where the next begins or, for the last one, at the
/// end of the used bytes). Entries, "." and ".." included, are in strict byte order across all blocks,
/// because the kernel binary-searches them (erofs docs, "Directories").
/// </summary>
internal sealed class ErofsDirectory
{
    private readonly (byte[] Name, ErofsInode Target)[] _entries;
    private readonly List<(int First, int Count, int Used)> _blocks = [];

    public ErofsDirectory(ErofsInode self, ErofsInode parent, IReadOnlyList<KeyValuePair<string, FileNode>> children, Func<FileNode, ErofsInode> inodeOf)
    {
        var entries = new (byte[] Name, ErofsInode Target)[children.Count + 2];
        entries[0] = ("."u8.ToArray(), self);
        entries[1] = (".."u8.ToArray(), parent);
        for (var i = 0; i < children.Count; i++)
        {
            entries[i + 2] = (Encoding.UTF8.GetBytes(children[i].Key), inodeOf(children[i].Value));
        }

        // Children arrive in UTF-8 byte order already; "." and ".." are placed among them by the same order.
        Array.Sort(entries, static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        _entries = entries;

        var first = 0;
        var used = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var need = ErofsLayout.DirentSize + entries[i].Name.Length;
            if (used + need > ErofsLayout.BlockSize)
            {
                _blocks.Add((first, i - first, used));
                first = i;
                used = 0;
            }

            used += need;
        }

        _blocks.Add((first, entries.Length - first, used));
        Size = ((long)(_blocks.Count - 1) * ErofsLayout.BlockSize) + used;
    }

    /// <summary>i_size: full blocks plus the used bytes of the last block.</summary>
    public long Size { get; }

    /// <summary>Writes the directory bytes from <paramref name="offset"/> (a block boundary) into <paramref name="destination"/>.</summary>
    public void Encode(long offset, Span<byte> destination)
    {
        var firstBlock = (int)(offset / ErofsLayout.BlockSize);
        for (var b = firstBlock; b < _blocks.Count && (b - firstBlock) * (long)ErofsLayout.BlockSize < destination.Length; b++)
        {
            var block = destination[((b - firstBlock) * ErofsLayout.BlockSize)..];
            var (first, count, _) = _blocks[b];
            var nameOffset = count * ErofsLayout.DirentSize;
            for (var i = 0; i < count; i++)
            {
                var (name, target) = _entries[first + i];
                var dirent = block[(i * ErofsLayout.DirentSize)..];
                BinaryPrimitives.WriteUInt64LittleEndian(dirent, target.Nid);
                BinaryPrimitives.WriteUInt16LittleEndian(dirent[8..], (ushort)nameOffset);
                dirent[10] = target.FileType;
                dirent[11] = 0;
                name.CopyTo(block[nameOffset..]);
                nameOffset += name.Length;
            }
        }
    }
}
