using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Basalt.Imaging.Disk;

/// <summary>
/// Finds the data regions of a sparse file with lseek(2) SEEK_DATA/SEEK_HOLE (Linux), so converters read
/// only the allocated parts of a mostly empty disk instead of gigabytes of zeros. Anything that cannot say
/// (another OS, a file system without support, a non-file stream) gets one extent covering everything.
/// </summary>
public static class SparseExtents
{
    private const int SeekData = 3;
    private const int SeekHole = 4;

    /// <summary>Sorted, non-overlapping [start, end) ranges of <paramref name="stream"/> between <paramref name="start"/> and its end that may hold data.</summary>
    public static List<(long Start, long End)> Find(Stream stream, long start)
    {
        var length = stream.Length;
        var all = new List<(long, long)> { (start, length) };
        if (!OperatingSystem.IsLinux() || stream is not FileStream file)
        {
            return all;
        }

        var handle = file.SafeFileHandle;
        var extents = new List<(long, long)>();
        var position = start;
        while (position < length)
        {
            var data = NativeMethods.lseek(handle, position, SeekData);
            if (data < 0)
            {
                // ENXIO: no data after position (the rest is a hole); anything else: not supported here.
                return Marshal.GetLastPInvokeError() == 6 ? extents : all;
            }

            var hole = NativeMethods.lseek(handle, data, SeekHole);
            if (hole < 0 || hole <= data)
            {
                return all;
            }

            extents.Add((data, Math.Min(hole, length)));
            position = hole;
        }

        return extents;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern long lseek(SafeFileHandle fd, long offset, int whence);
    }
}
