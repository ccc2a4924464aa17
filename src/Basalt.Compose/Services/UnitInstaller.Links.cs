using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

internal sealed partial class UnitInstaller
{
    /// <summary>Masks each unit: /etc/systemd/system/NAME → /dev/null; anything else already there is an error (no --force).</summary>
    public void Mask(IEnumerable<string> names, List<string> notes)
    {
        foreach (var name in names)
        {
            if (!UnitName.IsValid(name))
            {
                throw new BasaltException($"systemd.mask: '{name}' is not a valid unit name");
            }

            var path = TreePath.Combine(UnitLookup.ConfigDirectory, name);
            if (tree.TryGet(path, out var existing))
            {
                if (existing is SymbolicLinkNode { Target: "/dev/null" })
                {
                    continue;
                }

                throw new BasaltException($"systemd.mask: '{path}' already exists and is not a mask");
            }

            CreateLink(path, "/dev/null", force: false, strict: true, notes);
            notes.Add($"masked {name} (systemd.mask)");
        }
    }

    private bool CreateLink(string path, string target, bool force, bool strict, List<string> notes)
    {
        var parent = EnsureDirectory(TreeLinks.Parent(path));
        var name = TreeLinks.FileName(path);
        if (parent.TryGetChild(name, out var existing))
        {
            if (existing is SymbolicLinkNode link && (link.Target == target
                || (TreeLinks.TryResolve(tree, TreeLinks.AbsoluteTarget(path, link.Target), true, out var a, out _)
                    && TreeLinks.TryResolve(tree, target, true, out var b, out _) && a == b)))
            {
                return true; // already there, equivalent (systemd's chroot_unit_symlinks_equivalent)
            }

            if (existing is not SymbolicLinkNode || !force)
            {
                Fail(strict, notes, $"systemd.enable: '{path}' already exists and does not point to '{target}'");
                return false;
            }

            tree.Remove(path);
        }

        tree.Add(path, new SymbolicLinkNode(target) { ModificationTime = timestamp });
        return true;
    }

    private DirectoryNode EnsureDirectory(string path)
    {
        DirectoryNode directory = tree.Root;
        var walked = "/";
        foreach (var part in TreePath.Split(path))
        {
            walked = TreePath.Combine(walked, part);
            if (directory.TryGetChild(part, out var child))
            {
                directory = child as DirectoryNode
                    ?? (TreeLinks.ResolveDirectory(tree, walked, out var canonical) is { } linked ? ThrowLinked(walked, canonical) : null)
                    ?? throw new BasaltException($"systemd: '{walked}' exists and is not a directory");
                continue;
            }

            directory = tree.Add(walked, new DirectoryNode(0x1ED) { ModificationTime = timestamp });
        }

        return directory;
    }

    private static DirectoryNode ThrowLinked(string path, string canonical)
        => throw new BasaltException($"systemd: '{path}' is a symbolic link to '{canonical}'; enablement links are only written to real directories");
}
