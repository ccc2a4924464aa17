using Basalt.Compose.Boot;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>
/// Turns the installed root tree into the immutable layout: identity files (os-release, hostname), the factory copy
/// of everything outside /usr with the tmpfiles.d lines that restore it, the repart.d definition of the root
/// partition, and the ESP tree. The input tree is not changed: the result is built from copies (content shared).
/// </summary>
public static class ImmutableLayout
{
    /// <param name="boot">The boot stage's kernel and initrd, when the definition has a <c>boot:</c> section.</param>
    public static ImageTrees Build(FileTree root, ImageDefinition definition, long sourceDateEpoch, BootAssets? boot = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentOutOfRangeException.ThrowIfNegative(sourceDateEpoch);
        if (!root.TryGet("/usr", out var usr) || usr is not DirectoryNode)
        {
            throw new InvalidDataException("The installed tree has no '/usr' directory; an immutable image ships /usr.");
        }

        var time = new FileTimestamp(sourceDateEpoch);
        var merged = TreeCopy.Extract(root, "/", time);
        var osRelease = SystemIdentity.Apply(merged, definition, time);
        StatelessRoot.Apply(merged, definition, time);
        var usrTree = TreeCopy.Extract(merged, "/usr", time);
        var esp = EspLayout.Build(merged, definition, OsReleaseFile.Parse(osRelease), time, boot);
        return new ImageTrees(usrTree, esp, merged) { Boot = boot };
    }
}
