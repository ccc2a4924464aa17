using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// The file-list tags: compressed file names (DIRNAMES with trailing '/', BASENAMES, DIRINDEXES, rpm's
/// CompressedFileNames) and the per-file arrays, all indexed like <see cref="RpmFileList.Items"/>.
/// </summary>
internal static class RpmFileTags
{
    /// <summary>RPMVERIFY_ALL: rpm -V checks every attribute (what rpmbuild writes without %verify).</summary>
    private const uint VerifyAll = uint.MaxValue;

    public static void Add(RpmHeaderBuilder header, RpmFileList files, RpmPayloadResult payload)
    {
        if (files.Count == 0)
        {
            return;
        }

        var items = files.Items;
        var dirNames = new List<string>();
        var dirIndex = new Dictionary<string, uint>(StringComparer.Ordinal);
        var dirIndexes = new uint[items.Count];
        var baseNames = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var path = items[i].File.Path;
            var slash = path.LastIndexOf('/');
            var dir = path[..(slash + 1)];
            if (!dirIndex.TryGetValue(dir, out var index))
            {
                index = (uint)dirNames.Count;
                dirIndex[dir] = index;
                dirNames.Add(dir);
            }

            dirIndexes[i] = index;
            baseNames[i] = path[(slash + 1)..];
        }

        header.AddInt32((int)RpmTag.FileSizes, Map(items, i => (uint)i.Size));
        header.AddInt16((int)RpmTag.FileModes, Map(items, i => (ushort)i.File.Mode));
        header.AddInt16((int)RpmTag.FileRdevs, Map(items, _ => (ushort)0));
        header.AddInt32((int)RpmTag.FileMtimes, Map(items, i => (uint)Math.Clamp(i.File.ModificationTime, 0, uint.MaxValue)));
        header.AddStringArray((int)RpmTag.FileDigests, payload.FileDigests);
        header.AddStringArray((int)RpmTag.FileLinkTos, Map(items, i => i.File.LinkTarget ?? ""));
        header.AddInt32((int)RpmTag.FileFlags, Map(items, i => (uint)i.File.Flags));
        header.AddStringArray((int)RpmTag.FileUserName, Map(items, i => i.File.User));
        header.AddStringArray((int)RpmTag.FileGroupName, Map(items, i => i.File.Group));
        header.AddInt32((int)RpmTag.FileVerifyFlags, Map(items, _ => VerifyAll));
        // rpmbuild numbers devices 1 and inodes by file index (shared within a hard-link set): the values only need
        // to tell hard-link sets apart.
        header.AddInt32((int)RpmTag.FileDevices, Map(items, _ => 1u));
        header.AddInt32((int)RpmTag.FileInodes, Map(items, i => i.Inode));
        header.AddStringArray((int)RpmTag.FileLangs, Map(items, _ => ""));
        header.AddInt32((int)RpmTag.DirIndexes, dirIndexes);
        header.AddStringArray((int)RpmTag.BaseNames, baseNames);
        header.AddStringArray((int)RpmTag.DirNames, dirNames);
        header.AddInt32((int)RpmTag.FileColors, Map(items, _ => 0u));
        header.AddInt32((int)RpmTag.FileDigestAlgo, RpmMainHeader.DigestAlgorithmSha256);
    }

    private static T[] Map<T>(IReadOnlyList<RpmFileList.Item> items, Func<RpmFileList.Item, T> select)
    {
        var result = new T[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = select(items[i]);
        }

        return result;
    }
}
