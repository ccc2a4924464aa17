using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Basalt.Imaging.Tree;

/// <summary>
/// The few Linux calls the BCL does not offer: statx(2) for owner, inode number, link count, device
/// numbers and nanosecond times; llistxattr(2)/lgetxattr(2) for extended attributes. statx is used
/// because its struct layout is the same on every architecture (include/uapi/linux/stat.h).
/// </summary>
internal static class HostFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxSize = 256;
    private const int Erange = 34;
    private const int Enotsup = 95;
    private const int Enodata = 61;

    /// <summary>The fields of struct statx the loader needs.</summary>
    internal readonly record struct Status(int Mode, uint Uid, uint Gid, uint LinkCount, ulong Inode, ulong Size,
        long MtimeSeconds, uint MtimeNanoseconds, uint RdevMajor, uint RdevMinor, uint DevMajor, uint DevMinor);

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static Status Stat(string path)
    {
        var buffer = new byte[StatxSize];
        if (NativeMethods.statx(AtFdCwd, NullTerminated(path), AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            throw new IOException($"statx of '{path}' failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        ReadOnlySpan<byte> b = buffer;
        // Offsets from struct statx: nlink 16, uid 20, gid 24, mode 28 (u16), ino 32, size 40,
        // mtime 112 (s64 sec, u32 nsec), rdev_major 128, rdev_minor 132, dev_major 136, dev_minor 140.
        return new Status(
            BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            BinaryPrimitives.ReadInt64LittleEndian(b[112..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[120..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[128..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[132..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[136..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[140..]));
    }

    /// <summary>Every extended attribute of <paramref name="path"/> (not following symlinks).</summary>
    public static List<KeyValuePair<string, byte[]>> ReadExtendedAttributes(string path)
    {
        var result = new List<KeyValuePair<string, byte[]>>();
        var nativePath = NullTerminated(path);
        var names = Query(path, () => NativeMethods.llistxattr(nativePath, null, 0), (list, size) => NativeMethods.llistxattr(nativePath, list, size));
        if (names is null)
        {
            return result;
        }

        foreach (var raw in SplitNames(names))
        {
            var nativeName = NullTerminated(raw);
            var value = Query(path, () => NativeMethods.lgetxattr(nativePath, nativeName, null, 0), (buffer, size) => NativeMethods.lgetxattr(nativePath, nativeName, buffer, size));
            if (value is not null)
            {
                result.Add(new(raw, value));
            }
        }

        return result;
    }

    private static IEnumerable<string> SplitNames(byte[] list)
    {
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == 0)
            {
                if (i > start)
                {
                    yield return Encoding.UTF8.GetString(list, start, i - start);
                }

                start = i + 1;
            }
        }
    }

    /// <summary>The usual size-then-fetch dance, retried when the value grows in between (ERANGE).</summary>
    private static byte[]? Query(string path, Func<nint> probe, Func<byte[], nint, nint> fetch)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var size = probe();
            if (size < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error is Enotsup or Enodata ? null : throw new IOException($"Reading extended attributes of '{path}' failed: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            var buffer = new byte[size];
            var read = size == 0 ? 0 : fetch(buffer, size);
            if (read >= 0)
            {
                return read == size ? buffer : buffer[..(int)read];
            }

            var fetchError = Marshal.GetLastPInvokeError();
            if (fetchError != Erange)
            {
                return fetchError is Enotsup or Enodata ? null : throw new IOException($"Reading extended attributes of '{path}' failed: {Marshal.GetPInvokeErrorMessage(fetchError)}");
            }
        }

        throw new IOException($"Extended attributes of '{path}' kept changing while being read.");
    }

    private static byte[] NullTerminated(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private static class NativeMethods
    {
        // Arrays of bytes are blittable and pinned for the call, so no unsafe code is needed.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint llistxattr(byte[] path, byte[]? list, nint size);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint lgetxattr(byte[] path, byte[] name, byte[]? value, nint size);
    }
}
