using System.Runtime.Versioning;

namespace Basalt.IO;

/// <summary>Why <see cref="SafeTreeWriter{TEntry}"/> refused to place an archive entry.</summary>
public enum TreeConflict
{
    /// <summary>A parent of the entry is a symlink: writing there would follow it, possibly out of the root.</summary>
    ParentIsSymlink,

    /// <summary>A parent of the entry exists but is not a directory.</summary>
    ParentIsNotDirectory,

    /// <summary>The entry's name is taken by a directory that still has children.</summary>
    NonEmptyDirectory,
}

/// <summary>Builds the error for a refused entry; the caller words it so it names the archive, entry and offset.</summary>
/// <param name="entry">The archive entry being placed.</param>
/// <param name="conflict">What went wrong.</param>
/// <param name="path">The relative path that is in the way: the parent for parent conflicts, the entry itself otherwise.</param>
/// <param name="innerException">The file-system error behind the conflict, if any.</param>
public delegate InvalidDataException TreeConflictError<in TEntry>(TEntry entry, TreeConflict conflict, string path, Exception? innerException);

/// <summary>
/// Places archive entries under an extraction root without ever writing through a symlink: every parent is checked to be
/// a real directory (created when missing), and a name is cleared with unlink(2) semantics before an entry takes it, so a
/// symlink planted by an earlier entry is removed rather than followed. Relative paths come from <see cref="SafePath.Normalize"/>.
/// </summary>
/// <typeparam name="TEntry">The archive's entry type, passed through to the error callback.</typeparam>
[UnsupportedOSPlatform("windows")]
public sealed class SafeTreeWriter<TEntry>
{
    private readonly TreeConflictError<TEntry> _error;

    // Relative paths known to be real directories (never symlinks) that this writer created or checked.
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };

    /// <summary>Creates the root directory (if needed) and a writer for it.</summary>
    public SafeTreeWriter(string targetDirectory, TreeConflictError<TEntry> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Root = SafePath.FullRoot(targetDirectory);
        _error = error;
        Directory.CreateDirectory(Root);
    }

    private enum PathKind
    {
        Missing,
        Directory,
        Symlink,
        Other,
    }

    /// <summary>The absolute root, without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>The absolute path of a normalised relative path under <see cref="Root"/>.</summary>
    public string FullPath(string relative) => Root + Path.DirectorySeparatorChar + relative;

    /// <summary>Makes every parent of <paramref name="relative"/> a real directory, creating missing ones; refuses symlinks.</summary>
    public void EnsureParents(TEntry entry, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var slash = relative.LastIndexOf('/');
        if (slash < 0 || _directories.Contains(relative[..slash]))
        {
            return;
        }

        var start = 0;
        while ((slash = relative.IndexOf('/', start)) >= 0)
        {
            var parent = relative[..slash];
            start = slash + 1;
            if (_directories.Contains(parent))
            {
                continue;
            }

            switch (Kind(FullPath(parent)))
            {
                case PathKind.Missing:
                    Directory.CreateDirectory(FullPath(parent));
                    break;
                case PathKind.Directory:
                    break;
                case PathKind.Symlink:
                    throw _error(entry, TreeConflict.ParentIsSymlink, parent, null);
                default:
                    throw _error(entry, TreeConflict.ParentIsNotDirectory, parent, null);
            }

            _directories.Add(parent);
        }
    }

    /// <summary>Removes whatever is at <paramref name="relative"/> (never following a symlink) so the entry can take the name.</summary>
    public void Clear(TEntry entry, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var full = FullPath(relative);
        switch (Kind(full))
        {
            case PathKind.Missing:
                return;
            case PathKind.Directory:
                try
                {
                    Directory.Delete(full, recursive: false);
                }
                catch (IOException ex)
                {
                    throw _error(entry, TreeConflict.NonEmptyDirectory, relative, ex);
                }

                _directories.RemoveWhere(d => d == relative || d.StartsWith(relative + "/", StringComparison.Ordinal));
                return;
            default:
                File.Delete(full); // unlink(2): removes a symlink itself, never its target.
                return;
        }
    }

    /// <summary>Makes <paramref name="relative"/> a real directory, replacing whatever else has the name.</summary>
    public void EnsureDirectory(TEntry entry, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (_directories.Contains(relative))
        {
            return;
        }

        var full = FullPath(relative);
        if (Kind(full) != PathKind.Directory)
        {
            Clear(entry, relative);
            Directory.CreateDirectory(full);
        }

        _directories.Add(relative);
    }

    /// <summary>Creates a new file readable and writable by its owner; the name must be free (see <see cref="Clear"/>).</summary>
    public FileStream CreateFile(string relative, long preallocationSize = 0)
    {
        // CreateNew is O_CREAT|O_EXCL: it never opens through a symlink that appeared at this name.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            PreallocationSize = preallocationSize,
        };
        return new FileStream(FullPath(relative), options);
    }

    private static PathKind Kind(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            return PathKind.Symlink;
        }

        if (Directory.Exists(full))
        {
            return PathKind.Directory;
        }

        return info.Exists ? PathKind.Other : PathKind.Missing;
    }
}
