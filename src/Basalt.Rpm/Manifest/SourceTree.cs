using Basalt.Rpm.Writer;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// Scans a package's source directory: every directory, regular file and symbolic link below it, keyed by its
/// installed path ("/usr/bin/hello"), in path order. Permissions are normalised to what version control keeps
/// (0755 when the owner may execute, else 0644) so a checkout's umask never changes the package.
/// </summary>
internal static class SourceTree
{
    public static Dictionary<string, Node> Scan(string directory)
    {
        var result = new Dictionary<string, Node>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(directory), "", result);
        return result;
    }

    private static void Walk(DirectoryInfo directory, string prefix, Dictionary<string, Node> result)
    {
        foreach (var info in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var path = $"{prefix}/{info.Name}";
            var mtime = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds();
            if (info.LinkTarget is { } target)
            {
                result[path] = new Node(RpmFileKind.SymbolicLink, info.FullName, FilePermissions.Mode0777, target, mtime);
            }
            else if (info is DirectoryInfo sub)
            {
                result[path] = new Node(RpmFileKind.Directory, info.FullName, FilePermissions.Mode0755, null, mtime);
                Walk(sub, path, result);
            }
            else
            {
                var executable = (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
                result[path] = new Node(RpmFileKind.RegularFile, info.FullName, executable ? FilePermissions.Mode0755 : FilePermissions.Mode0644, null, mtime);
            }
        }
    }

    internal sealed record Node(RpmFileKind Kind, string FullPath, uint Permissions, string? LinkTarget, long ModificationTime);
}
