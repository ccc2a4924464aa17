using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Reads an uncompressed EROFS image back into its list of paths and, for each, the image bytes holding its
/// inode and data, so a byte offset can be traced to a file (<see cref="ErofsExtentMap"/>). Reads what
/// <see cref="ErofsWriter"/> and an uncompressed mkfs.erofs write: compact and extended inodes, FLAT_PLAIN and
/// FLAT_INLINE data, inline and shared xattrs, dirent blocks. The image is hostile: every offset and length
/// is checked against the image size, directories are visited once (no cycles) and depth and path length are capped.
/// </summary>
public static partial class ErofsReader
{
    /// <summary>Directory nesting accepted below the root.</summary>
    public const int MaxDepth = 1024;

    /// <summary>Longest path accepted, in UTF-8 bytes: far beyond PATH_MAX, which deep trees may exceed, yet bounded.</summary>
    public const int MaxPathBytes = 32 * 1024;

    /// <summary>Cap on the characters of all paths together, so a small hostile image cannot demand gigabytes.</summary>
    private const long MaxTotalPathCharacters = 64L << 20;

    /// <summary>Walks the tree depth-first from the root NID, entries in dirent order ("." and ".." left out).</summary>
    /// <param name="image">A readable, seekable stream positioned anywhere; the image starts at offset 0.</param>
    /// <param name="name">The image's name for messages.</param>
    public static IReadOnlyList<ErofsEntry> ReadEntries(Stream image, string name)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(name);
        if (!image.CanRead || !image.CanSeek)
        {
            throw new ArgumentException("The EROFS image stream must be readable and seekable.", nameof(image));
        }

        var source = new Source(image, name);
        var superblock = ReadSuperblock(source);
        var entries = new List<ErofsEntry>();
        var visitedDirectories = new HashSet<ulong>();
        var inodes = new Dictionary<ulong, ErofsEntry>();
        long pathCharacters = 0;
        var pending = new Stack<(ulong Nid, string Path, int Depth)>();
        pending.Push((superblock.RootNid, "/", 0));
        while (pending.Count > 0)
        {
            var (nid, path, depth) = pending.Pop();
            var entry = inodes.TryGetValue(nid, out var known)
                ? known with { Path = path }
                : ReadInode(source, superblock, nid, path);
            inodes.TryAdd(nid, entry);
            entries.Add(entry);
            pathCharacters += path.Length;
            if (pathCharacters > MaxTotalPathCharacters)
            {
                throw new InvalidDataException($"EROFS image '{name}': the paths of its entries exceed {MaxTotalPathCharacters} characters together (at '{path}').");
            }

            if (entry.FileType != UnixFileType.Directory)
            {
                continue;
            }

            if (!visitedDirectories.Add(nid))
            {
                throw new InvalidDataException($"EROFS image '{name}': directory nid {nid} at '{path}' was reached before (a cycle or a hard-linked directory).");
            }

            if (depth >= MaxDepth)
            {
                throw new InvalidDataException($"EROFS image '{name}': directory '{path}' (nid {nid}) is nested deeper than {MaxDepth} levels.");
            }

            var children = ReadDirectory(source, superblock, entry);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                var (childName, childNid) = children[i];
                var childPath = path == "/" ? "/" + childName : path + "/" + childName;
                if (Encoding.UTF8.GetByteCount(childPath) > MaxPathBytes)
                {
                    throw new InvalidDataException($"EROFS image '{name}': a path in directory '{path}' (nid {nid}) is longer than {MaxPathBytes} bytes.");
                }

                pending.Push((childNid, childPath, depth + 1));
            }
        }

        return entries;
    }
}
