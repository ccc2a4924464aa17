using System.Text;

namespace Basalt.IO;

/// <summary>
/// Archive paths are hostile: this normalises them, refuses anything that could leave the extraction root
/// (<c>..</c> components, absolute paths, NUL), and joins them under a root so the result is provably inside it.
/// </summary>
public static class SafePath
{
    /// <summary>NAME_MAX on Linux filesystems: the longest single path component.</summary>
    public const int MaxComponentBytes = 255;

    /// <summary>
    /// Normalises an archive entry name to a relative, '/'-separated path without "." or empty components:
    /// "./usr//bin/x" becomes "usr/bin/x"; "." and "./" become "" (the root itself).
    /// </summary>
    /// <exception cref="InvalidDataException">The name is empty, absolute, contains NUL, a ".." component or one longer than NAME_MAX.</exception>
    public static string Normalize(string archivePath)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        if (archivePath.Length == 0)
        {
            throw new InvalidDataException("Archive entry has an empty path.");
        }

        if (archivePath.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Archive entry '{Printable(archivePath)}' contains a NUL character.");
        }

        if (archivePath[0] == '/')
        {
            throw new InvalidDataException($"Archive entry '{archivePath}' is an absolute path.");
        }

        var parts = new List<string>();
        foreach (var part in archivePath.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                throw new InvalidDataException($"Archive entry '{archivePath}' contains a '..' component.");
            }

            if (Encoding.UTF8.GetByteCount(part) > MaxComponentBytes)
            {
                throw new InvalidDataException($"Archive entry '{archivePath}' has a component longer than {MaxComponentBytes} bytes.");
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The full path of an archive entry under <paramref name="root"/>, checked to be inside it.</summary>
    public static string Join(string root, string archivePath)
    {
        var fullRoot = FullRoot(root);
        var relative = Normalize(archivePath);
        if (relative.Length == 0)
        {
            return fullRoot;
        }

        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        var prefix = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal) || full.Length == prefix.Length)
        {
            throw new InvalidDataException($"Archive entry '{archivePath}' resolves outside the root '{fullRoot}'.");
        }

        return full;
    }

    /// <summary>
    /// Checks that a symlink at <paramref name="linkPath"/> (an archive path) with <paramref name="target"/> stays inside the
    /// root when resolved lexically from the link's directory. Absolute targets are resolved against the root, the way
    /// they resolve inside the finished image; <paramref name="allowAbsolute"/> false refuses them outright.
    /// </summary>
    public static void EnsureSymlinkInside(string linkPath, string target, bool allowAbsolute = true)
    {
        ArgumentNullException.ThrowIfNull(target);
        var link = Normalize(linkPath);
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Symlink '{linkPath}' has an empty target or one containing NUL.");
        }

        var stack = new List<string>();
        if (target[0] == '/')
        {
            if (!allowAbsolute)
            {
                throw new InvalidDataException($"Symlink '{linkPath}' has an absolute target '{target}'.");
            }
        }
        else
        {
            // A relative target starts from the directory holding the link.
            stack.AddRange(link.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));
        }

        foreach (var part in target.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count == 0)
                {
                    if (target[0] == '/')
                    {
                        continue; // "/.." is "/" inside the image, as in any root directory.
                    }

                    throw new InvalidDataException($"Symlink '{linkPath}' -> '{target}' points outside the root.");
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(part);
        }
    }

    /// <summary>The absolute form of a root directory, without a trailing separator.</summary>
    public static string FullRoot(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar) : full;
    }

    private static string Printable(string value) => value.Replace("\0", "\\0", StringComparison.Ordinal);
}
