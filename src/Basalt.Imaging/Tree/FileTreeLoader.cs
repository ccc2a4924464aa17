using System.IO.Enumeration;

namespace Basalt.Imaging.Tree;

/// <summary>Reads a host directory into a <see cref="FileTree"/> (for <c>basalt mkfs</c> and tests).</summary>
public static class FileTreeLoader
{
    /// <summary>
    /// Loads everything below <paramref name="directory"/>: types, modes, owners, nanosecond mtimes,
    /// device numbers, symlink targets, hard links (by device and inode number) and, on Linux, extended
    /// attributes. The root directory's own metadata becomes the tree root's. Names are listed first (one
    /// pass over the directories), then every entry is examined in parallel (stat, xattrs, small
    /// contents), then the tree is assembled in sorted order, so the result never depends on timing.
    /// </summary>
    public static FileTree FromDirectory(string directory, FileTreeLoaderOptions? options = null)
    {
        options ??= new FileTreeLoaderOptions();
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Source directory '{directory}' does not exist.");
        }

        var entries = ListEntries(root);
        var loaded = new (HostFileSystem.Status Status, FileNode Node)[entries.Count];
        Parallel.For(0, entries.Count, i => loaded[i] = Load(entries[i].HostPath, options));

        var tree = new FileTree { DefaultTimestamp = options.Timestamp ?? default };
        tree.Root.CopyMetadataFrom(Load(root, options).Node);
        var inodes = new Dictionary<(uint, uint, ulong), FileNode>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (status, node) = loaded[i];
            if (status.LinkCount > 1 && node is not DirectoryNode)
            {
                var key = (status.DevMajor, status.DevMinor, status.Inode);
                if (inodes.TryGetValue(key, out var existing))
                {
                    node = existing; // a further name of an inode already loaded: a hard link
                }
                else
                {
                    inodes.Add(key, node);
                }
            }

            tree.Add(entries[i].TreePath, node);
        }

        return tree;
    }

    /// <summary>Every entry below <paramref name="root"/>, parents before children, siblings in name order.</summary>
    private static List<(string HostPath, string TreePath)> ListEntries(string root)
    {
        var result = new List<(string, string)>();
        var pending = new Stack<(string HostPath, string TreePath)>();
        pending.Push((root, "/"));
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            var (hostDirectory, treeDirectory) = pending.Pop();
            // A symlink to a directory reports IsDirectory; the reparse-point bit tells it apart.
            var children = new FileSystemEnumerable<(string Name, bool IsDirectory)>(hostDirectory,
                (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0), options)
                .ToArray();
            Array.Sort(children, static (a, b) => FileNameComparer.Instance.Compare(a.Name, b.Name));
            var subdirectories = new List<(string, string)>();
            foreach (var (name, isDirectory) in children)
            {
                var entry = (Path.Combine(hostDirectory, name), TreePath.Combine(treeDirectory, name));
                result.Add(entry);
                if (isDirectory)
                {
                    subdirectories.Add(entry);
                }
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }

        return result;
    }

    private static (HostFileSystem.Status Status, FileNode Node) Load(string hostPath, FileTreeLoaderOptions options)
    {
        var status = Stat(hostPath);
        var node = CreateNode(hostPath, status, options);
        node.Uid = options.AllRoot ? 0 : status.Uid;
        node.Gid = options.AllRoot ? 0 : status.Gid;
        node.ModificationTime = options.Timestamp ?? new FileTimestamp(status.MtimeSeconds, status.MtimeNanoseconds);
        if (options.ReadExtendedAttributes && HostFileSystem.IsSupported)
        {
            foreach (var (name, value) in HostFileSystem.ReadExtendedAttributes(hostPath))
            {
                node.ExtendedAttributes.Set(name, value);
            }
        }

        return (status, node);
    }

    private static FileNode CreateNode(string hostPath, HostFileSystem.Status status, FileTreeLoaderOptions options)
    {
        var permissions = status.Mode & UnixFileType.PermissionMask;
        return (status.Mode & UnixFileType.Mask) switch
        {
            UnixFileType.Directory => new DirectoryNode(permissions),
            UnixFileType.RegularFile => new RegularFileNode(
                (long)status.Size <= options.InMemoryThreshold ? FileContent.FromBytes(File.ReadAllBytes(hostPath)) : FileContent.FromFile(hostPath),
                permissions),
            UnixFileType.SymbolicLink => new SymbolicLinkNode(
                new FileInfo(hostPath).LinkTarget ?? throw new IOException($"Symbolic link '{hostPath}' has no target."), permissions),
            UnixFileType.CharacterDevice => new DeviceNode(FileNodeKind.CharacterDevice, status.RdevMajor, status.RdevMinor, permissions),
            UnixFileType.BlockDevice => new DeviceNode(FileNodeKind.BlockDevice, status.RdevMajor, status.RdevMinor, permissions),
            UnixFileType.Fifo => new SpecialFileNode(FileNodeKind.Fifo, permissions),
            UnixFileType.Socket => new SpecialFileNode(FileNodeKind.Socket, permissions),
            _ => throw new InvalidDataException($"'{hostPath}' has unknown file type 0x{status.Mode & UnixFileType.Mask:x4}."),
        };
    }

    private static HostFileSystem.Status Stat(string path)
    {
        if (HostFileSystem.IsSupported)
        {
            return HostFileSystem.Stat(path);
        }

        // Elsewhere the BCL gives type, permissions, size and time; owners default to root.
        var info = new FileInfo(path);
        var type = info.LinkTarget is not null ? UnixFileType.SymbolicLink
            : (info.Attributes & FileAttributes.Directory) != 0 ? UnixFileType.Directory : UnixFileType.RegularFile;
        var permissions = OperatingSystem.IsWindows() ? (type == UnixFileType.Directory ? 0x1ED : 0x1A4) : (int)info.UnixFileMode;
        var mtime = FileTimestamp.FromDateTimeOffset(info.LastWriteTimeUtc);
        var size = type == UnixFileType.RegularFile ? (ulong)info.Length : 0;
        return new HostFileSystem.Status(type | permissions, 0, 0, 1, 0, size, mtime.Seconds, mtime.Nanoseconds, 0, 0, 0, 0);
    }
}
