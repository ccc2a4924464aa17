using System.Runtime.InteropServices;

namespace Basalt.IO.Cpio;

/// <summary>
/// The few POSIX calls the BCL lacks: hard links, ownership without following symlinks, device nodes.
/// </summary>
internal static partial class UnixNative
{
    private const string LibC = "libc";

    /// <summary>Creates a hard link; throws <see cref="IOException"/> with errno on failure.</summary>
    public static void Link(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
        {
            throw Failure("link", newPath);
        }
    }

    /// <summary>Sets owner and group without following a symlink.</summary>
    public static void LChown(string path, uint uid, uint gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw Failure("lchown", path);
        }
    }

    /// <summary>Creates a device node or FIFO; returns the errno (0 on success).</summary>
    public static int MkNod(string path, uint mode, uint major, uint minor)
    {
        // glibc's makedev encoding (sys/sysmacros.h): 12 bits of major and 20 of minor split around the low byte.
        var dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
                  | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        return mknod(path, mode, dev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static IOException Failure(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}('{path}') failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport(LibC, EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string oldPath, string newPath);

    [LibraryImport(LibC, EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int lchown(string path, uint owner, uint group);

    [LibraryImport(LibC, EntryPoint = "mknod", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mknod(string path, uint mode, ulong dev);
}
