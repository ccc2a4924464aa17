using System.Text;

namespace Basalt.Imaging.Tree;

/// <summary>Normalises and splits tree paths ("/usr/bin/x"); rejects anything that could leave the tree.</summary>
public static class TreePath
{
    /// <summary>Linux NAME_MAX: the longest file name, in bytes.</summary>
    public const int MaxNameLength = 255;

    /// <summary>
    /// The canonical form of a path: absolute, single slashes, no "." components, no trailing slash.
    /// ".." components and NUL bytes are refused; the root is "/".
    /// </summary>
    public static string Normalize(string path) => "/" + string.Join('/', Split(path));

    /// <summary>The validated components of a path ("" and "/" give none).</summary>
    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var count = 0;
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }

            ValidateName(part, path);
            parts[count++] = part;
        }

        return parts[..count];
    }

    /// <summary>Throws when <paramref name="name"/> is not a valid single file name.</summary>
    public static void ValidateName(string name, string? path = null)
    {
        var where = path is null ? $"'{name}'" : $"'{name}' in path '{path}'";
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"File name {where} is not allowed.", nameof(name));
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            throw new ArgumentException($"File name {where} is longer than {MaxNameLength} bytes.", nameof(name));
        }
    }

    /// <summary>Joins a normalised parent path and a child name.</summary>
    public static string Combine(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;
}
