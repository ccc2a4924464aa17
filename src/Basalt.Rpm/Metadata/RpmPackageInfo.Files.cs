using Basalt.Rpm.Format;

namespace Basalt.Rpm.Metadata;

/// <summary>The file list: paths from the compressed DIRNAMES/BASENAMES/DIRINDEXES triple (or OLDFILENAMES) and the parallel FILE* arrays.</summary>
public sealed partial class RpmPackageInfo
{
    /// <summary>The full path of every file, in header order; empty when the package has no files.</summary>
    internal static string[] ReadPaths(RpmHeader header)
    {
        var baseNames = HeaderArrays.Strings(header, RpmTag.BaseNames);
        if (baseNames is null)
        {
            return HeaderArrays.Strings(header, RpmTag.OldFileNames) ?? [];
        }

        var dirNames = HeaderArrays.Strings(header, RpmTag.DirNames)
            ?? throw new InvalidDataException("Tag 'BASENAMES (1117)' is present but 'DIRNAMES (1118)' is missing.");
        var dirIndexes = HeaderArrays.Numbers(header, RpmTag.DirIndexes)
            ?? throw new InvalidDataException("Tag 'BASENAMES (1117)' is present but 'DIRINDEXES (1116)' is missing.");
        HeaderArrays.CheckLength(RpmTag.DirIndexes, dirIndexes.Length, baseNames.Length, RpmTag.BaseNames);
        var paths = new string[baseNames.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            // DIRINDEXES is INT32; rpm reads it as signed, so anything outside [0, dirs) is corrupt.
            var index = dirIndexes[i];
            if (index >= (ulong)dirNames.Length)
            {
                throw new InvalidDataException($"Tag 'DIRINDEXES (1116)' element {i} is {index}, but 'DIRNAMES (1118)' has {dirNames.Length} entries.");
            }

            paths[i] = dirNames[(int)index] + baseNames[i];
        }

        return paths;
    }

    private static RpmFileInfo[] ReadFiles(RpmHeader header)
    {
        var paths = ReadPaths(header);
        var n = paths.Length;
        if (n == 0)
        {
            return [];
        }

        var leader = header.Contains(RpmTag.BaseNames) ? RpmTag.BaseNames : RpmTag.OldFileNames;
        var sizes = header.Contains(RpmTag.LongFileSizes)
            ? HeaderArrays.ParallelNumbers(header, RpmTag.LongFileSizes, n, leader)
            : HeaderArrays.ParallelNumbers(header, RpmTag.FileSizes, n, leader);
        var modes = HeaderArrays.ParallelNumbers(header, RpmTag.FileModes, n, leader);
        var users = HeaderArrays.ParallelStrings(header, RpmTag.FileUserName, n, leader);
        var groups = HeaderArrays.ParallelStrings(header, RpmTag.FileGroupName, n, leader);
        var mtimes = HeaderArrays.ParallelNumbers(header, RpmTag.FileMtimes, n, leader);
        var digests = HeaderArrays.ParallelStrings(header, RpmTag.FileDigests, n, leader);
        var links = HeaderArrays.ParallelStrings(header, RpmTag.FileLinkTos, n, leader);
        var flags = HeaderArrays.ParallelNumbers(header, RpmTag.FileFlags, n, leader);
        var devices = HeaderArrays.ParallelNumbers(header, RpmTag.FileDevices, n, leader);
        var inodes = HeaderArrays.ParallelNumbers(header, RpmTag.FileInodes, n, leader);
        var rdevs = HeaderArrays.ParallelNumbers(header, RpmTag.FileRdevs, n, leader);
        var langs = HeaderArrays.ParallelStrings(header, RpmTag.FileLangs, n, leader);
        var caps = HeaderArrays.ParallelStrings(header, RpmTag.FileCaps, n, leader);
        var linkCounts = CountLinks(modes, devices, inodes);
        var files = new RpmFileInfo[n];
        for (var i = 0; i < n; i++)
        {
            if (sizes[i] > long.MaxValue)
            {
                throw new InvalidDataException($"Tag '{HeaderArrays.TagName((int)RpmTag.LongFileSizes)}' element {i} ({sizes[i]}) is out of range.");
            }

            files[i] = new RpmFileInfo(
                paths[i], (ushort)modes[i], (long)sizes[i], users[i], groups[i], (long)mtimes[i], digests[i], links[i],
                (RpmFileFlags)(uint)flags[i], (uint)devices[i], (uint)inodes[i], (uint)rdevs[i], langs[i], caps[i], linkCounts[i]);
        }

        return files;
    }

    /// <summary>
    /// Hard-link group sizes as rpm computes FILENLINKS: regular files sharing (FILEDEVICES, FILEINODES) count
    /// together; every other file counts 1.
    /// </summary>
    internal static int[] CountLinks(ulong[] modes, ulong[] devices, ulong[] inodes)
    {
        var counts = new int[modes.Length];
        var groups = new Dictionary<(ulong, ulong), int>();
        for (var i = 0; i < modes.Length; i++)
        {
            if ((modes[i] & RpmFileInfo.TypeMask) == RpmFileInfo.RegularType)
            {
                groups[(devices[i], inodes[i])] = groups.GetValueOrDefault((devices[i], inodes[i])) + 1;
            }
        }

        for (var i = 0; i < modes.Length; i++)
        {
            counts[i] = (modes[i] & RpmFileInfo.TypeMask) == RpmFileInfo.RegularType ? groups[(devices[i], inodes[i])] : 1;
        }

        return counts;
    }
}
