using System.Globalization;
using System.Text;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>
/// Makes /usr self-sufficient: only /usr is shipped (read-only, verity-sealed); the root filesystem starts empty and is
/// filled at boot. Every top-level entry outside /usr is kept in /usr/share/factory/&lt;name&gt; (systemd's factory
/// location, tmpfiles.d(5) <c>C</c>) and a tmpfiles.d file recreates it; the root partition itself is described for
/// systemd-repart (repart.d(5)), which creates it on first boot.
/// </summary>
internal static class StatelessRoot
{
    public const string FactoryDirectory = "/usr/share/factory";
    public const string TmpfilesPath = "/usr/lib/tmpfiles.d/basalt-factory.conf";
    public const string RepartPath = "/usr/lib/repart.d/50-root.conf";

    /// <summary>
    /// API file systems (mounted over by systemd: proc, sys, dev, run, tmp), ESP mount points (boot, efi: their
    /// content is the ESP's) and lost+found are never copied; systemd's base-filesystem and its own tmpfiles.d
    /// create them.
    /// </summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "usr", "proc", "sys", "dev", "run", "tmp", "boot", "efi", "lost+found" };

    public static void Apply(FileTree root, ImageDefinition definition, FileTimestamp time)
    {
        var lines = new StringBuilder()
            .Append("# Written by Basalt: the image ships only /usr; these lines recreate the rest of the root file system from\n")
            .Append("# /usr/share/factory on a fresh (or factory-reset) root partition. Run at boot (systemd-tmpfiles --boot), or\n")
            .Append("# from the initrd before switch-root with --root=/sysroot. See tmpfiles.d(5).\n");
        foreach (var (name, node) in root.Root.Children.ToArray())
        {
            if (Skipped.Contains(name))
            {
                continue;
            }

            var path = "/" + name;
            var field = Field(path);
            switch (node)
            {
                case SymbolicLinkNode link:
                    // L: create the symlink when missing (merged-/usr links such as /bin -> usr/bin).
                    lines.Append(CultureInfo.InvariantCulture, $"L {field} - - - - {Field(link.Target)}\n");
                    break;
                case DirectoryNode { Count: 0 } directory:
                    // d: an empty directory with its mode and numeric owner; nothing to copy.
                    lines.Append(CultureInfo.InvariantCulture, $"d {field} {Octal(directory.Mode)} {directory.Uid} {directory.Gid} -\n");
                    break;
                default:
                    // C+: copy from the factory what is missing, descending into existing directories (systemd >= 250; the
                    // plain C skips a non-empty directory, and /etc holds machine-id before tmpfiles runs). '!': boot only.
                    var factory = FactoryDirectory + path;
                    TreeCopy.CopyInto(root, path, root, factory, time);
                    lines.Append(CultureInfo.InvariantCulture, $"C+! {field} - - - - {Field(factory)}\n");
                    break;
            }
        }

        root.AddOrReplace(TmpfilesPath, new RegularFileNode(Encoding.UTF8.GetBytes(lines.ToString())) { ModificationTime = time });
        root.AddOrReplace(RepartPath, new RegularFileNode(Encoding.UTF8.GetBytes(RepartDefinition(definition))) { ModificationTime = time });
    }

    /// <summary>
    /// repart.d(5) for the root partition: created on first boot in the space the GPT leaves free, formatted ext4,
    /// at least the definition's root size and growing into whatever the (possibly larger) disk has; FactoryReset=yes
    /// lets systemd-repart --factory-reset erase it, after which the tmpfiles.d lines refill it from /usr.
    /// </summary>
    internal static string RepartDefinition(ImageDefinition definition) => string.Create(CultureInfo.InvariantCulture, $"""
        # Written by Basalt: the root (and /var) partition, created by systemd-repart on first boot. See repart.d(5).
        [Partition]
        Type=root
        Label=root-{Architecture.PartitionSuffix(definition.Arch)}
        Format=ext4
        SizeMinBytes={definition.Disk.Partitions.Root}
        FactoryReset=yes

        """);

    private static string Octal(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');

    /// <summary>A tmpfiles.d path field; anything a shell-like split or a specifier could change is refused, not escaped.</summary>
    private static string Field(string value)
    {
        if (value.Length == 0 || value.Any(c => c <= ' ' || c is '%' or '"' or '\'' or '\\' || c == 0x7F))
        {
            throw new InvalidDataException($"Top-level path '{value}' cannot be written to '{TmpfilesPath}' (whitespace, quotes, '%' or control characters).");
        }

        return value;
    }
}
