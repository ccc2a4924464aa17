using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// Puts an initrd's file tree together: paths copied from the image (each file, every symbolic link met on the way
/// and every parent directory, with their metadata; contents shared, not copied; a file reached under two paths
/// stays one hard-linked inode), files the caller generates (/init), and what the kernel's initramfs needs before
/// /init runs: /dev/console (char 5:1, without it /init starts with no stdin, stdout or stderr; init/main.c,
/// console_on_rootfs) and the mount points /dev, /proc, /sys, /run, /tmp and /sysroot.
/// </summary>
public sealed class InitrdTreeBuilder
{
    private readonly FileTree _image;
    private readonly FileTree _tree;
    private readonly Dictionary<FileNode, FileNode> _copies = new(ReferenceEqualityComparer.Instance);
    private bool _built;

    /// <param name="image">The image tree to copy from (read only).</param>
    /// <param name="timestamp">The modification time of generated entries (SOURCE_DATE_EPOCH).</param>
    public InitrdTreeBuilder(FileTree image, FileTimestamp timestamp)
    {
        _image = image ?? throw new ArgumentNullException(nameof(image));
        Timestamp = timestamp;
        _tree = new FileTree { DefaultTimestamp = timestamp };
        _tree.Root.CopyMetadataFrom(image.Root);
        _tree.Root.ExtendedAttributes.Clear();
    }

    /// <summary>The modification time of generated entries.</summary>
    public FileTimestamp Timestamp { get; }

    /// <summary>Copies <paramref name="path"/> from the image, following links (each link copied too), with its parent directories.</summary>
    /// <exception cref="InitrdContentException">The path does not resolve in the image.</exception>
    public InitrdTreeBuilder AddPath(string path)
    {
        var normalized = TreePath.Normalize(path);
        if (TreeLinks.Resolve(_image, normalized, Copy, out _) is null)
        {
            throw new InitrdContentException($"'{normalized}' is not in the image, so it cannot be copied into the initrd.");
        }

        return this;
    }

    /// <summary>Copies each path (see <see cref="AddPath"/>).</summary>
    public InitrdTreeBuilder AddPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            AddPath(path);
        }

        return this;
    }

    /// <summary>Copies a directory of the image with everything below it (links inside it are copied as links, not followed).</summary>
    public InitrdTreeBuilder AddDirectoryTree(string path)
    {
        AddPath(path);
        var canonical = TreeLinks.Resolve(_image, path, null, out var node)!;
        if (node is not DirectoryNode directory)
        {
            throw new InitrdContentException($"'{path}' is a {node!.Kind} in the image, not a directory.");
        }

        CopyBelow(canonical, directory);
        return this;
    }

    /// <summary>Adds a generated regular file (owned by root, <see cref="Timestamp"/>), creating parent directories.</summary>
    public InitrdTreeBuilder AddFile(string path, byte[] content, int mode)
    {
        _tree.Add(path, new RegularFileNode(content, mode) { ModificationTime = Timestamp });
        return this;
    }

    /// <summary>Adds a generated symbolic link ("/bin/sh" → "busybox").</summary>
    public InitrdTreeBuilder AddSymbolicLink(string path, string target)
    {
        _tree.AddSymbolicLink(path, target);
        return this;
    }

    /// <summary>Adds a generated directory unless one is already there.</summary>
    public InitrdTreeBuilder AddDirectory(string path, int mode)
    {
        if (!_tree.TryGet(path, out var existing))
        {
            _tree.AddDirectory(path, mode);
        }
        else if (existing is not DirectoryNode)
        {
            throw new IOException($"'{TreePath.Normalize(path)}' is already in the initrd as a {existing.Kind}.");
        }

        return this;
    }

    /// <summary>Adds the kernel's necessities (unless present) and returns the tree. Call once.</summary>
    public FileTree Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The initrd tree is already built.");
        }

        _built = true;
        AddDirectory("/dev", 0x1ED); // 0755
        if (!_tree.Contains("/dev/console"))
        {
            _tree.Add("/dev/console", new DeviceNode(FileNodeKind.CharacterDevice, 5, 1, 0x180 /* 0600 */) { ModificationTime = Timestamp });
        }

        AddDirectory("/proc", 0x16D); // 0555, as the mount point is in every distribution
        AddDirectory("/sys", 0x16D);
        AddDirectory("/run", 0x1ED);
        AddDirectory("/tmp", 0x3FF); // 1777
        AddDirectory("/sysroot", 0x1ED);
        return _tree;
    }

    /// <summary>Copies one node met while resolving a path (a directory entered, a link, the final node).</summary>
    private void Copy(string path, FileNode source)
    {
        if (_tree.TryGet(path, out var existing))
        {
            if (_copies.TryGetValue(source, out var copy) && ReferenceEquals(copy, existing))
            {
                return;
            }

            if (existing is DirectoryNode && source is DirectoryNode)
            {
                return; // a directory the caller created first, e.g. with AddFile
            }

            throw new IOException($"'{path}' is already in the initrd as a different {existing.Kind}; the image has a {source.Kind} there.");
        }

        if (!_copies.TryGetValue(source, out var node) || node is DirectoryNode)
        {
            node = source switch
            {
                DirectoryNode directory => new DirectoryNode(directory.Mode),
                RegularFileNode file => new RegularFileNode(file.Content, file.Mode),
                SymbolicLinkNode link => new SymbolicLinkNode(link.Target, link.Mode),
                DeviceNode device => new DeviceNode(device.Kind, device.Major, device.Minor, device.Mode),
                _ => new SpecialFileNode(source.Kind, source.Mode),
            };
            node.CopyMetadataFrom(source);
            _copies[source] = node;
        }

        _tree.Add(path, node);
    }

    private void CopyBelow(string path, DirectoryNode directory)
    {
        foreach (var (name, child) in directory.Children)
        {
            var childPath = TreePath.Combine(path, name);
            Copy(childPath, child);
            if (child is DirectoryNode subdirectory)
            {
                CopyBelow(childPath, subdirectory);
            }
        }
    }
}
