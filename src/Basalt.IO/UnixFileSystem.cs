using System.Runtime.InteropServices;

namespace Basalt.IO;

/// <summary>
/// The few POSIX calls the BCL lacks: hard links, ownership without following symlinks, device nodes.
/// </summary>
public static partial class UnixFileSystem
{
    private const string LibC = "libc";

    /// <summary>Creates <paramref name="newPath"/> as a hard link to <paramref name="existing"/> (link(2)); throws <see cref="IOException"/> with errno.</summary>
    public static void Link(string existing, string newPath)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(newPath);
        if (link(existing, newPath) != 0)
        {
            throw Failure($"link('{existing}', '{newPath}')");
        }
    }

    /// <summary>Sets owner and group without following a symlink.</summary>
    internal static void LChown(string path, uint uid, uint gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw Failure($"lchown('{path}')");
        }
    }

    /// <summary>Creates a device node or FIFO; returns the errno (0 on success).</summary>
    internal static int MkNod(string path, uint mode, uint major, uint minor)
    {
        // glibc's makedev encoding (sys/sysmacros.h): 12 bits of major and 20 of minor split around the low byte.
        var dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
                  | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        return mknod(path, mode, dev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static IOException Failure(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport(LibC, EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string oldPath, string newPath);

    [LibraryImport(LibC, EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int lchown(string path, uint owner, uint group);

    [LibraryImport(LibC, EntryPoint = "mknod", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mknod(string path, uint mode, ulong dev);
}
