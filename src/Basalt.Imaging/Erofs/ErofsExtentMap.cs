using System.Globalization;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Answers "what holds this byte of the image?" from the entries <see cref="ErofsReader"/> found: the
/// superblock, an inode (and its inline xattrs), a shared xattr, a file's, directory's or symlink's data, or
/// nothing. Hard links are reported under the first path that reaches their inode.
/// </summary>
public sealed class ErofsExtentMap
{
    private enum RegionKind
    {
        Superblock,
        Inode,
        InlineXattrs,
        SharedXattr,
        Data,
    }

    private readonly record struct Region(long Start, long Length, RegionKind Kind, ErofsEntry? Entry, long Logical)
    {
        public long End => Start + Length;
    }

    private readonly Region[] _regions;

    /// <summary>For region i (sorted by start), the largest end among regions 0..i: lets a lookup stop early despite overlaps.</summary>
    private readonly long[] _maxEnd;

    private ErofsExtentMap(Region[] regions, long imageSize)
    {
        _regions = regions;
        ImageSize = imageSize;
        _maxEnd = new long[regions.Length];
        long max = 0;
        for (var i = 0; i < regions.Length; i++)
        {
            max = Math.Max(max, regions[i].End);
            _maxEnd[i] = max;
        }
    }

    public long ImageSize { get; }

    public static ErofsExtentMap Build(IReadOnlyList<ErofsEntry> entries, long imageSize)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(imageSize);
        var regions = new List<Region> { new(ErofsLayout.SuperblockOffset, ErofsLayout.SuperblockSize, RegionKind.Superblock, null, 0) };
        var seen = new HashSet<ulong>();
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Nid))
            {
                continue; // a further hard link: the same bytes, reported under the first path
            }

            var core = entry.InodeLength - entry.XattrLength;
            regions.Add(new(entry.InodeOffset, core, RegionKind.Inode, entry, 0));
            if (entry.XattrLength > 0)
            {
                regions.Add(new(entry.InodeOffset + core, entry.XattrLength, RegionKind.InlineXattrs, entry, 0));
            }

            foreach (var (offset, length) in entry.SharedXattrExtents)
            {
                regions.Add(new(offset, length, RegionKind.SharedXattr, entry, 0));
            }

            long logical = 0;
            foreach (var (offset, length) in entry.Extents)
            {
                regions.Add(new(offset, length, RegionKind.Data, entry, logical));
                logical += length;
            }
        }

        // A shared xattr appears once per inode naming it: keep the first. Ordering by start, then by
        // insertion, keeps the answer for overlapping (hostile) regions deterministic.
        var sorted = regions.Where(region => region.Length > 0)
            .Select((region, index) => (region, index))
            .DistinctBy(pair => (pair.region.Start, pair.region.Length, pair.region.Kind))
            .OrderBy(pair => pair.region.Start).ThenBy(pair => pair.index)
            .Select(pair => pair.region).ToArray();
        return new ErofsExtentMap(sorted, imageSize);
    }

    /// <summary>
    /// What holds byte <paramref name="offset"/>: "file /usr/bin/x (data, byte 1234 of the file)", "inode of /usr/bin/x",
    /// "inline xattrs of /x", "shared xattr of /x", "directory /usr/bin (entries)", "symlink /bin (target)",
    /// "superblock", "unused", or "beyond the end of the image" for offsets at or past <see cref="ImageSize"/>.
    /// </summary>
    public string Describe(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= ImageSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"beyond the end of the image ({ImageSize} bytes)");
        }

        var region = Find(offset);
        if (region is not { } found)
        {
            return "unused";
        }

        var path = found.Entry?.Path;
        return found.Kind switch
        {
            RegionKind.Superblock => "superblock",
            RegionKind.Inode => $"inode of {path}",
            RegionKind.InlineXattrs => $"inline xattrs of {path}",
            RegionKind.SharedXattr => $"shared xattr of {path}",
            _ => (found.Entry!.FileType) switch
            {
                UnixFileType.Directory => $"directory {path} (entries)",
                UnixFileType.SymbolicLink => $"symlink {path} (target)",
                _ => string.Create(CultureInfo.InvariantCulture, $"file {path} (data, byte {found.Logical + (offset - found.Start)} of the file)"),
            },
        };
    }

    private Region? Find(long offset)
    {
        // The last region starting at or before offset, then back while an earlier region could still reach it.
        int low = 0, high = _regions.Length - 1, last = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_regions[middle].Start <= offset)
            {
                last = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        for (var i = last; i >= 0 && _maxEnd[i] > offset; i--)
        {
            if (offset < _regions[i].End)
            {
                return _regions[i];
            }
        }

        return null;
    }
}
