using Basalt.Imaging.Tree;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Install;

internal sealed partial class InstallSession
{
    private const int PermissionMask = 0xFFF;

    /// <summary>Lays one payload entry down at its (symlink-resolved) path, or records a conflict.</summary>
    private void Place(PackageState state, DecodedEntry entry)
    {
        var info = entry.File;
        var nevra = state.File.Nevra;
        DirectoryNode parent;
        string parentPath, name;
        try
        {
            (parent, parentPath, name) = _resolver.ResolveParent(info.Path, (link, target) =>
            {
                if (state.FollowedLinks.Add(link))
                {
                    _warnings.Add($"'{nevra}': '{link}' is a symbolic link to '{target}' in the tree; files below it were installed through it.");
                }
            });
        }
        catch (IOException ex)
        {
            throw new IOException($"'{nevra}': {ex.Message}", ex);
        }

        var path = TreePath.Combine(parentPath, name);
        parent.TryGetChild(name, out var existing);

        if (_owners.TryGetValue(path, out var owner) && owner.Index != state.Index)
        {
            if (!Compatible(info, owner.File))
            {
                _conflicts.Add($"file {info.Path} from install of {nevra} conflicts with file from package {owner.Package.Nevra}");
                return;
            }

            if (!info.IsDirectory && existing is not null && ReferenceEquals(existing, owner.Node))
            {
                // Identical files: both packages own the one node; the later package's data is verified and dropped.
                _owners[path] = owner with { Package = state.File, Index = state.Index, File = info };
                state.FileCount++;
                return;
            }
        }

        var node = info.IsDirectory ? PlaceDirectory(state, parentPath, path, existing)
            : PlaceOther(state, info, path, existing, owner is not null);
        state.FileCount++;
        if (node is null)
        {
            return;
        }

        _owners[path] = new PathOwner(state.File, state.Index, info, node);
        node.Mode = info.Mode & PermissionMask;
        node.ModificationTime = Clamp(info.MTime);
        Owners.Record(node, info.User, info.Group);
        if (node is RegularFileNode regular)
        {
            if (info.Capability.Length > 0)
            {
                node.ExtendedAttributes.Set(VfsCapability.AttributeName, EncodeCapability(state, info));
            }

            if (entry.Content is { } content)
            {
                regular.Content = content;
                state.Bytes += info.Size;
            }
        }
    }

    /// <summary>A directory entry: an existing directory (or a symlink to one, as rpm keeps it) stays; anything else is replaced.</summary>
    private DirectoryNode? PlaceDirectory(PackageState state, string parentPath, string path, FileNode? existing)
    {
        switch (existing)
        {
            case DirectoryNode directory:
                return directory;
            case SymbolicLinkNode link when _resolver.PointsToDirectory(parentPath, link):
                // rpm's fsmVerify accepts a symlink to a directory where the package has a directory (usr-merge).
                return null;
            case null:
                return _tree.Add(path, new DirectoryNode());
            default:
                WarnReplaced(state, path, existing, "directory");
                return _tree.AddOrReplace(path, new DirectoryNode());
        }
    }

    /// <summary>A regular file, symlink, device or fifo; a hard link joins its group's node.</summary>
    private FileNode PlaceOther(PackageState state, RpmFileInfo info, string path, FileNode? existing, bool owned)
    {
        if (existing is DirectoryNode { Count: > 0 })
        {
            throw new IOException($"'{state.File.Nevra}': cannot install '{info.Path}': '{path}' is a non-empty directory in the tree.");
        }

        if (existing is not null && !owned)
        {
            WarnReplaced(state, path, existing, KindName(info));
        }

        if (info.IsRegular && info.LinkCount > 1)
        {
            var key = (info.Device, info.Inode);
            if (state.LinkGroups.TryGetValue(key, out var shared))
            {
                return _tree.AddOrReplace(path, shared);
            }

            var first = _tree.AddOrReplace(path, new RegularFileNode(FileContent.Empty));
            state.LinkGroups.Add(key, first);
            return first;
        }

        return _tree.AddOrReplace(path, CreateNode(state, info));
    }

    private static FileNode CreateNode(PackageState state, RpmFileInfo info)
    {
        var type = info.Mode & RpmFileInfo.TypeMask;
        return type switch
        {
            RpmFileInfo.RegularType => new RegularFileNode(FileContent.Empty),
            RpmFileInfo.SymlinkType => new SymbolicLinkNode(info.LinkTarget.Length > 0 ? info.LinkTarget
                : throw new InvalidDataException($"'{state.File.Nevra}': symbolic link '{info.Path}' has no FILELINKTOS target.")),
            UnixFileType.CharacterDevice => new DeviceNode(FileNodeKind.CharacterDevice, Major(info.Rdev), Minor(info.Rdev)),
            UnixFileType.BlockDevice => new DeviceNode(FileNodeKind.BlockDevice, Major(info.Rdev), Minor(info.Rdev)),
            UnixFileType.Fifo => new SpecialFileNode(FileNodeKind.Fifo),
            UnixFileType.Socket => new SpecialFileNode(FileNodeKind.Socket),
            _ => throw new InvalidDataException($"'{state.File.Nevra}': '{info.Path}' has unknown file type 0{type:o6}."),
        };
    }

    // FILERDEVS holds the old 16-bit-style dev_t the kernel decodes as major 8..19, minor 0..7 and 20..31 (old_decode_dev).
    private static uint Major(uint rdev) => (rdev >> 8) & 0xFFF;

    private static uint Minor(uint rdev) => (rdev & 0xFF) | ((rdev >> 12) & 0xFFF00);

    private static byte[] EncodeCapability(PackageState state, RpmFileInfo info)
    {
        try
        {
            return CapabilityText.Encode(info.Capability);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{state.File.Nevra}': '{info.Path}': {ex.Message}", ex);
        }
    }

    private void WarnReplaced(PackageState state, string path, FileNode existing, string kind) =>
        _warnings.Add($"'{state.File.Nevra}': '{path}' was in the tree as a {existing.Kind} no package installed; the package's {kind} replaces it.");

    private static string KindName(RpmFileInfo info) =>
        info.IsRegular ? "file" : info.IsSymlink ? "symbolic link" : "special file";
}
