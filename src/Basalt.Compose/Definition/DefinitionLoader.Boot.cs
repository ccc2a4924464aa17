using Basalt.Compose.Boot.Initrd;
using Basalt.Compose.Layout;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary><c>boot:</c>: kernel package, UKI or type #1 entries, and the initrd's content.</summary>
public static partial class DefinitionLoader
{
    private const string NotAbsolutePath = "is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)";

    private static BootDefinition? ReadBoot(DefinitionReader reader, YamlMappingNode root, ImageArch arch)
    {
        var node = reader.Mapping(DefinitionReader.Get(root, "boot"), "boot");
        if (node is null)
        {
            return null;
        }

        reader.CheckKeys(node, "boot", DefinitionKeys.Boot);
        var kernel = reader.Text(node, "kernel", "boot", required: true);
        if (kernel is not null && !Syntax.PackageSpec().IsMatch(kernel))
        {
            reader.Errors.Add("boot.kernel", DefinitionReader.Get(node, "kernel"), $"'{kernel}' is not a package name (letters, digits and . _ + - : ( ) /)");
        }

        var efi = Architecture.EfiName(arch);
        return new BootDefinition
        {
            Kernel = kernel ?? "",
            Uki = reader.Boolean(node, "uki", "boot") ?? true,
            Stub = ImagePath(reader, node, "stub", "boot") ?? $"/usr/lib/systemd/boot/efi/linux{efi}.efi.stub",
            Loader = ImagePath(reader, node, "loader", "boot") ?? $"/usr/lib/systemd/boot/efi/systemd-boot{efi}.efi",
            Initrd = ReadInitrd(reader, node),
        };
    }

    private static InitrdDefinition ReadInitrd(DefinitionReader reader, YamlMappingNode boot)
    {
        const string P = "boot.initrd";
        var node = reader.Mapping(DefinitionReader.Get(boot, "initrd"), P);
        if (node is null)
        {
            return new InitrdDefinition();
        }

        reader.CheckKeys(node, P, DefinitionKeys.Initrd);
        var modules = new List<string>();
        foreach (var (name, item, path) in reader.TextItems(node, "modules", P))
        {
            if (Syntax.ModuleName().IsMatch(name))
            {
                modules.Add(name);
            }
            else
            {
                reader.Errors.Add(path, item, $"'{name}' is not a kernel module name (letters, digits, _ and -, e.g. dm-verity)");
            }
        }

        return new InitrdDefinition
        {
            Compression = Enum(reader, node, "compression", P, DefinitionKeys.InitrdCompressions) ?? InitrdCompression.Zstd,
            Init = ImagePath(reader, node, "init", P),
            Packages = PackageSpecs(reader, node, "packages", P),
            Files = [.. reader.TextItems(node, "files", P)
                .Where(item => Checked(reader, item.Node, item.Path, item.Text, Syntax.IsNormalisedAbsolutePath, NotAbsolutePath) is not null)
                .Select(item => item.Text)],
            Modules = modules,
        };
    }

    private static string? ImagePath(DefinitionReader reader, YamlMappingNode node, string key, string keyPath) =>
        DefinitionReader.Get(node, key) is { } value
            ? Checked(reader, value, DefinitionReader.Join(keyPath, key), reader.Text(node, key, keyPath), Syntax.IsNormalisedAbsolutePath, NotAbsolutePath)
            : null;

    /// <summary>The kernel and the initrd's packages are installed whether or not packages.install names them.</summary>
    private static PackageSelection WithBootPackages(PackageSelection packages, BootDefinition? boot)
    {
        if (boot is null)
        {
            return packages;
        }

        var install = packages.Install.ToList();
        foreach (var name in boot.Initrd.Packages.Prepend(boot.Kernel))
        {
            if (name.Length > 0 && !install.Contains(name, StringComparer.Ordinal))
            {
                install.Add(name);
            }
        }

        return packages with { Install = install };
    }
}
