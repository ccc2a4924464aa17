using System.Globalization;
using Basalt.Compose.Boot.Initrd;
using Basalt.Compose.Build;
using Basalt.Compose.Definition;
using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.IO;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Boot;

/// <summary>
/// The build's boot stage (docs/boot.md): finds the kernel of the <c>boot.kernel</c> package, gathers the initrd's files
/// from the installed tree (packages, paths, /init, the libraries their programs link, the modules with their
/// dependencies), writes the compressed cpio, and picks up the EFI stub and boot loader.
/// </summary>
public static class BootAssembler
{
    private const string ModulesDirectory = "/usr/lib/modules/";

    /// <summary>
    /// Level 9 for zstd and gzip alike: the kernel unpacks every zstd level equally fast, and zstd's levels past 9 cost
    /// seconds of build time (7 s at 19 for Debian's boot set) for a few per cent of a few MiB on the ESP.
    /// </summary>
    private const int InitrdCompressionLevel = 9;

    /// <summary>Where the generated /init looks for its two programs, in order.</summary>
    private static readonly string[] BusyboxPaths = ["/usr/bin/busybox", "/usr/sbin/busybox", "/bin/busybox", "/sbin/busybox"];

    private static readonly string[] DocumentationDirectories = ["/usr/share/doc/", "/usr/share/man/", "/usr/share/info/", "/usr/share/licenses/"];

    private static readonly string[] VeritysetupPaths = ["/usr/sbin/veritysetup", "/usr/bin/veritysetup", "/sbin/veritysetup", "/bin/veritysetup"];

    public static async Task<BootAssets> AssembleAsync(FileTree tree, BootDefinition boot, IReadOnlyList<InstalledPackage> packages,
        FileTimestamp time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(boot);
        ArgumentNullException.ThrowIfNull(packages);
        var (version, kernel) = FindKernel(tree, boot, packages);
        var modules = KernelModules.Resolve(tree, version, boot.Initrd.Modules);

        // What was asked for and what it cannot work without must load; soft dependencies are best effort, as in modprobe.
        var required = new HashSet<string>(modules
            .Where(m => boot.Initrd.Modules.Any(name => ModuleDirectory.NameOf(name) == m.Name))
            .SelectMany(m => m.Dependencies.Append(m.Name)), StringComparer.Ordinal);

        var programs = new List<string>();
        foreach (var name in boot.Initrd.Packages)
        {
            var package = Installed(packages, name, "boot.initrd.packages");
            programs.AddRange(package.Info.Files.Where(f => !f.IsDirectory && !IsDocumentation(f) && tree.Contains(f.Path)).Select(f => f.Path));
        }

        foreach (var path in boot.Initrd.Files)
        {
            programs.Add(tree.Contains(path) ? path : throw new BuildException($"boot.initrd.files: '{path}' is not in the image."));
        }

        byte[] init;
        if (boot.Initrd.Init is { } initPath)
        {
            init = tree.TryGet(initPath, out var node) && node is RegularFileNode file
                ? file.Content.ReadAllBytes()
                : throw new BuildException($"boot.initrd.init: '{initPath}' is not a regular file in the image.");
            programs.Add(initPath);
        }
        else
        {
            var busybox = FirstPresent(tree, BusyboxPaths)
                ?? throw new BuildException("boot.initrd: the generated /init runs on busybox, and the image has none at /usr/bin/busybox (install busybox, or set boot.initrd.init).");
            var veritysetup = FirstPresent(tree, VeritysetupPaths)
                ?? throw new BuildException("boot.initrd: the generated /init opens /usr with veritysetup, and the image has none at /usr/sbin/veritysetup (install cryptsetup, or set boot.initrd.init).");
            programs.Add(busybox);
            programs.Add(veritysetup);
            init = InitScript.Generate(busybox, veritysetup, [.. modules.Select(m => (m.Path, required.Contains(m.Name)))]);
        }

        var builder = new InitrdTreeBuilder(tree, time)
            .AddPaths(ElfClosure.Resolve(tree, programs.Distinct(StringComparer.Ordinal)))
            .AddPaths(modules.Select(m => m.Path))
            .AddFile("/init", init, 0x1ED);
        var initrdTree = builder.Build();
        cancellationToken.ThrowIfCancellationRequested();
        using var initrd = new MemoryStream();
        await InitrdWriter.WriteAsync(initrdTree, initrd, boot.Initrd.Compression, InitrdCompressionLevel, cancellationToken)
            .ConfigureAwait(false);

        return new BootAssets
        {
            KernelVersion = version,
            Kernel = kernel.Content,
            Initrd = initrd.ToArray(),
            InitrdEntries = initrdTree.EnumerateDepthFirst().Count(),
            Modules = [.. modules.Select(m => m.Name)],
            Stub = boot.Uki ? EfiBinary(tree, boot.Stub, "boot.stub") : null,
            Loader = EfiBinary(tree, boot.Loader, "boot.loader"),
        };
    }

    /// <summary>The boot stage's line in the build summary.</summary>
    public static string Summarize(BootAssets assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return string.Create(CultureInfo.InvariantCulture,
            $"kernel {assets.KernelVersion}, initrd {ByteSize.Format(assets.Initrd.Length)} ({assets.InitrdEntries} entries, {assets.Modules.Count} modules), {(assets.Stub is null ? "type #1 entry" : "UKI")}");
    }

    private static (string Version, RegularFileNode Kernel) FindKernel(FileTree tree, BootDefinition boot, IReadOnlyList<InstalledPackage> packages)
    {
        var package = Installed(packages, boot.Kernel, "boot.kernel");
        var kernels = package.Info.Files
            .Where(f => f.Path.StartsWith(ModulesDirectory, StringComparison.Ordinal) && f.Path.EndsWith("/vmlinuz", StringComparison.Ordinal)
                && f.Path.Count(c => c == '/') == 5)
            .Select(f => f.Path)
            .ToList();
        if (kernels.Count != 1)
        {
            throw new BuildException(kernels.Count == 0
                ? $"boot.kernel: package '{package.Info.Name}' has no /usr/lib/modules/VERSION/vmlinuz."
                : $"boot.kernel: package '{package.Info.Name}' has {kernels.Count} kernels ({string.Join(", ", kernels)}); a boot entry needs exactly one.");
        }

        var path = kernels[0];
        var version = path[ModulesDirectory.Length..path.LastIndexOf('/')];
        return tree.TryGet(path, out var node) && node is RegularFileNode file
            ? (version, file)
            : throw new BuildException($"boot.kernel: '{path}' of package '{package.Info.Name}' is not a regular file in the image.");
    }

    /// <summary>Documentation never runs at boot: %doc and %license files and the doc, man and info trees stay out, as in dracut.</summary>
    private static bool IsDocumentation(RpmFileInfo file) =>
        (file.Flags & (RpmFileFlags.Doc | RpmFileFlags.License)) != 0
        || DocumentationDirectories.Any(directory => file.Path.StartsWith(directory, StringComparison.Ordinal));

    private static InstalledPackage Installed(IReadOnlyList<InstalledPackage> packages, string name, string key) =>
        packages.FirstOrDefault(p => p.Info.Name == name)
        ?? throw new BuildException($"{key}: package '{name}' is not installed in the image.");

    private static string? FirstPresent(FileTree tree, IEnumerable<string> paths) =>
        paths.FirstOrDefault(path => tree.TryGet(path, out var node) && node is RegularFileNode or SymbolicLinkNode);

    private static FileContent EfiBinary(FileTree tree, string path, string key) =>
        tree.TryGet(path, out var node) && node is RegularFileNode file
            ? file.Content
            : throw new BuildException($"{key}: '{path}' is not a file in the image (install the package that has it, e.g. systemd-boot-efi).");
}
