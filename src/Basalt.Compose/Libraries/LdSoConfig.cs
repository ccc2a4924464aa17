using System.Text;
using Basalt.Compose.Services;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Libraries;

/// <summary>
/// The directories ldconfig scans (ldconfig(8)): those named in /etc/ld.so.conf and the files it includes, then
/// the trusted directories. A directory reached under two names (usr-merge symlinks) is scanned once, under the
/// first name; that name is the one written into the cache, which is why x86-64 images list "/lib64/libc.so.6".
/// </summary>
internal static class LdSoConfig
{
    private const string ConfigFile = "/etc/ld.so.conf";
    private const int MaxConfigBytes = 1024 * 1024;
    private const int MaxIncludeDepth = 16;

    /// <summary>glibc's add_system_dir on x86-64 and aarch64: each of /lib64 and /usr/lib64 adds the "lib" directory first.</summary>
    private static readonly string[] TrustedDirectories = ["/lib", "/lib64", "/usr/lib", "/usr/lib64"];

    public static List<(string Name, string Canonical, DirectoryNode Node)> Directories(FileTree tree, List<string> notes)
    {
        var names = new List<string>();
        ReadConfig(tree, ConfigFile, names, notes, 0);
        names.AddRange(TrustedDirectories);

        var seen = new HashSet<FileNode>(ReferenceEqualityComparer.Instance);
        var result = new List<(string, string, DirectoryNode)>();
        foreach (var name in names)
        {
            if (TreeLinks.ResolveDirectory(tree, name, out var canonical) is { } node && seen.Add(node))
            {
                result.Add((name, canonical, node));
            }
        }

        return result;
    }

    private static void ReadConfig(FileTree tree, string path, List<string> directories, List<string> notes, int depth)
    {
        if (depth > MaxIncludeDepth || !TreeLinks.TryResolve(tree, path, true, out _, out var node) || node is not RegularFileNode file)
        {
            return;
        }

        if (file.Length > MaxConfigBytes)
        {
            throw new InvalidDataException($"'{path}' is larger than {MaxConfigBytes} bytes.");
        }

        foreach (var raw in Encoding.UTF8.GetString(file.Content.ReadAllBytes()).Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("include", StringComparison.Ordinal) && line.Length > 7 && char.IsWhiteSpace(line[7]))
            {
                foreach (var pattern in line[8..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var absolute = pattern.StartsWith('/') ? pattern : TreePath.Combine(TreeLinks.Parent(path), pattern);
                    foreach (var included in Glob(tree, absolute))
                    {
                        ReadConfig(tree, included, directories, notes, depth + 1);
                    }
                }
            }
            else if (line.StartsWith("hwcap", StringComparison.Ordinal) && line.Length > 5 && char.IsWhiteSpace(line[5]))
            {
                notes.Add($"'{path}': ignored obsolete '{line}'");
            }
            else
            {
                // "DIR=TYPE" names a library type for old libc5 systems; only the directory matters here.
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                var directory = (equals >= 0 ? line[..equals] : line).TrimEnd('/');
                directories.Add(directory.Length == 0 ? "/" : directory);
            }
        }
    }

    /// <summary>glob(3) over the tree, one component at a time, results sorted by name as glob sorts.</summary>
    private static List<string> Glob(FileTree tree, string pattern)
    {
        var current = new List<string> { "/" };
        foreach (var part in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (var directory in current)
            {
                if (TreeLinks.ResolveDirectory(tree, directory, out _) is not { } node)
                {
                    continue;
                }

                foreach (var (name, _) in node.Children)
                {
                    if ((part.IndexOfAny(['*', '?', '[']) < 0 ? name == part : UnitGlob.Match(part, name))
                        && !(name.StartsWith('.') && !part.StartsWith('.')))
                    {
                        next.Add(TreePath.Combine(directory, name));
                    }
                }
            }

            current = next;
        }

        return current;
    }
}
