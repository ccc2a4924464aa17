using System.Globalization;
using System.Text;
using Basalt.Compose.Boot;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>
/// The EFI System Partition tree: <c>EFI/</c> (where boot loaders go; none are added here), <c>loader/loader.conf</c>
/// for systemd-boot, and one Boot Loader Specification type #1 entry per kernel found at /usr/lib/modules/VERSION/vmlinuz,
/// with the kernel (and an initrd shipped beside it) copied to <c>/ENTRY-TOKEN/VERSION/</c>, kernel-install's layout.
/// The entry token is IMAGE_ID (kernel-install's <c>--entry-token=os-image-id</c>). With a <c>boot:</c> section the kernel
/// is the boot stage's: a type #1 entry with Basalt's initrd (<c>uki: false</c>), or none at all when a UKI is made
/// (<see cref="EspBoot"/> adds it and the boot loader once the command line is known).
/// </summary>
public static class EspLayout
{
    public const string EntriesDirectory = "/loader/entries";

    internal static FileTree Build(FileTree root, ImageDefinition definition, IReadOnlyDictionary<string, string> osRelease, FileTimestamp time,
        BootAssets? boot = null)
    {
        var esp = new FileTree { DefaultTimestamp = time };
        esp.Root.ModificationTime = time;
        esp.AddDirectory("/EFI");
        var token = osRelease.GetValueOrDefault("IMAGE_ID") ?? definition.Name;
        var kernels = boot is null ? Kernels(root)
            : boot.Stub is null ? [(boot.KernelVersion, new RegularFileNode(boot.Kernel), new RegularFileNode(boot.Initrd))]
            : [];
        esp.AddFile("/loader/loader.conf", Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
            # Written by Basalt; see loader.conf(5).
            default {token}-*
            timeout 0
            editor no

            """)));
        if (kernels.Count == 0)
        {
            return esp;
        }

        var title = osRelease.GetValueOrDefault("PRETTY_NAME") ?? osRelease.GetValueOrDefault("NAME") ?? token;
        foreach (var (version, kernel, initrd) in kernels)
        {
            var directory = $"/{token}/{version}";
            esp.Add(directory + "/linux", new RegularFileNode(kernel.Content, 0x1A4) { ModificationTime = time });
            if (initrd is not null)
            {
                esp.Add(directory + "/initrd", new RegularFileNode(initrd.Content, 0x1A4) { ModificationTime = time });
            }

            var entry = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"title {title}\n")
                .Append(CultureInfo.InvariantCulture, $"version {version}\n")
                .Append(CultureInfo.InvariantCulture, $"sort-key {token}\n")
                .Append(CultureInfo.InvariantCulture, $"linux {directory}/linux\n");
            if (initrd is not null)
            {
                entry.Append(CultureInfo.InvariantCulture, $"initrd {directory}/initrd\n");
            }

            entry.Append(CultureInfo.InvariantCulture, $"options {string.Join(' ', definition.KernelCmdline)}\n")
                .Append(CultureInfo.InvariantCulture, $"architecture {Architecture.EfiName(definition.Arch)}\n");
            esp.AddFile($"{EntriesDirectory}/{token}-{version}.conf", Encoding.UTF8.GetBytes(entry.ToString()));
        }

        return esp;
    }

    /// <summary>
    /// A copy of <paramref name="esp"/> whose entries carry <paramref name="commandLine"/> as their <c>options</c>: the
    /// full command line (usrhash=…) is only known once the usr partition is written.
    /// </summary>
    public static FileTree WithCommandLine(FileTree esp, string commandLine, FileTimestamp time)
    {
        ArgumentNullException.ThrowIfNull(esp);
        ArgumentNullException.ThrowIfNull(commandLine);
        var copy = TreeCopy.Extract(esp, "/", time);
        foreach (var (path, file) in Entries(copy))
        {
            var lines = Encoding.UTF8.GetString(file.Content.ReadAllBytes()).Split('\n')
                .Select(line => line.StartsWith("options ", StringComparison.Ordinal) || line == "options" ? "options " + commandLine : line);
            var replaced = new RegularFileNode(Encoding.UTF8.GetBytes(string.Join('\n', lines)), file.Mode);
            replaced.CopyMetadataFrom(file);
            copy.AddOrReplace(path, replaced);
        }

        return copy;
    }

    /// <summary>The type #1 entries of an ESP tree, by file name.</summary>
    public static IReadOnlyList<(string Path, RegularFileNode File)> Entries(FileTree esp)
    {
        ArgumentNullException.ThrowIfNull(esp);
        if (!esp.TryGet(EntriesDirectory, out var node) || node is not DirectoryNode directory)
        {
            return [];
        }

        return [.. directory.Children
            .Where(child => child.Key.EndsWith(".conf", StringComparison.Ordinal) && child.Value is RegularFileNode)
            .Select(child => ($"{EntriesDirectory}/{child.Key}", (RegularFileNode)child.Value))];
    }

    /// <summary>The kernels the type #1 entries of an ESP tree boot (their <c>linux</c> keys), by path.</summary>
    public static IReadOnlyList<(string Path, RegularFileNode File)> EntryKernels(FileTree esp)
    {
        ArgumentNullException.ThrowIfNull(esp);
        var kernels = new List<(string, RegularFileNode)>();
        foreach (var (_, entry) in Entries(esp))
        {
            foreach (var line in Encoding.UTF8.GetString(entry.Content.ReadAllBytes()).Split('\n'))
            {
                if (line.StartsWith("linux ", StringComparison.Ordinal) && esp.TryGet(line[6..].Trim(), out var node) && node is RegularFileNode kernel)
                {
                    kernels.Add((line[6..].Trim(), kernel));
                }
            }
        }

        return kernels;
    }

    private static List<(string Version, RegularFileNode Kernel, RegularFileNode? Initrd)> Kernels(FileTree root)
    {
        var kernels = new List<(string, RegularFileNode, RegularFileNode?)>();
        if (!root.TryGet("/usr/lib/modules", out var node) || node is not DirectoryNode modules)
        {
            return kernels;
        }

        foreach (var (version, child) in modules.Children)
        {
            if (child is DirectoryNode directory && directory.TryGetChild("vmlinuz", out var kernel) && kernel is RegularFileNode kernelFile)
            {
                var initrd = directory.TryGetChild("initrd", out var image) ? image as RegularFileNode : null;
                kernels.Add((version, kernelFile, initrd));
            }
        }

        return kernels;
    }
}
