using System.Runtime.InteropServices;

namespace Basalt.Rpm.Payload;

/// <summary>link(2), which the BCL lacks. DllImport rather than LibraryImport: Basalt.Rpm does not allow unsafe code.</summary>
internal static class HardLinkNative
{
    /// <summary>Creates <paramref name="newPath"/> as a hard link to <paramref name="existing"/>; throws <see cref="IOException"/> with errno.</summary>
    public static void Link(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"link('{existing}', '{newPath}') failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
