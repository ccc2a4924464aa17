using Basalt.Compose.Boot.Initrd;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary>
/// Debian's cloud kernel resolved by <see cref="KernelModules"/> and by kmod's <c>modprobe --show-depends</c> after
/// <c>depmod</c>: with modules.dep the same modules in the same order; without it (as the package ships) the same
/// modules, each after everything modules.dep says it needs. (Without modules.dep the order among independent
/// modules can differ from modprobe's: depmod orders them by a topological sort of the whole kernel.)
/// </summary>
public sealed class KernelModulesDifferentialTests
{
    private static readonly string[] BootModules = ["dm-verity", "erofs", "virtio_blk", "virtio_pci"];

    /// <summary>modprobe's load order for each name in turn, each module once (a later "insmod" of a loaded module does nothing).</summary>
    private static List<string> Modprobe(params string[] names)
    {
        _ = DebianBoot.TreeWithModulesDep; // runs depmod
        var modprobe = ExternalTool.Require("modprobe", "kmod");
        var output = ExternalTool.Run(modprobe, ["-d", DebianBoot.Directory, "-S", DebianBoot.KernelVersion, "--show-depends", "-a", .. names])
            .EnsureSuccess("modprobe --show-depends").StandardOutput;
        return [.. output.Split('\n').Where(l => l.StartsWith("insmod ", StringComparison.Ordinal))
            .Select(l => l["insmod ".Length..].Trim()[DebianBoot.Directory.Length..]).Distinct()];
    }

    /// <summary>modules.dep as a map from tree path to the tree paths it needs.</summary>
    private static Dictionary<string, string[]> ModulesDep()
    {
        _ = DebianBoot.TreeWithModulesDep;
        var prefix = $"/lib/modules/{DebianBoot.KernelVersion}/";
        return File.ReadAllLines(Path.Combine(DebianBoot.ModuleDirectory, "modules.dep"))
            .Select(l => l.Split(':'))
            .ToDictionary(p => prefix + p[0], p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => prefix + d).ToArray());
    }

    [Fact]
    public void Resolve_WithModulesDep_SameOrderAsModprobe()
    {
        var expected = Modprobe(BootModules);

        var modules = KernelModules.Resolve(DebianBoot.TreeWithModulesDep, DebianBoot.KernelVersion, BootModules);

        Assert.Equal(expected, modules.Select(m => m.Path));
        Assert.Contains(modules, m => m.Name == "crc32c_intel"); // libcrc32c's "softdep=pre: crc32c", an alias
        Assert.Equal(["reed_solomon", "dm_mod", "dm_bufio"], modules.Single(m => m.Name == "dm_verity").Dependencies);
    }

    [Fact]
    public void Resolve_WithoutModulesDep_SameModulesAsModprobeInAValidOrder()
    {
        var expected = Modprobe(BootModules);
        var dependencies = ModulesDep();

        var modules = KernelModules.Resolve(DebianBoot.Tree, DebianBoot.KernelVersion, BootModules);

        Assert.Equal(expected.Order(StringComparer.Ordinal), modules.Select(m => m.Path).Order(StringComparer.Ordinal));
        AssertLoadable(modules, dependencies);
    }

    /// <summary>Each module comes after everything modules.dep says it needs, and lists exactly those as its dependencies.</summary>
    private static void AssertLoadable(IReadOnlyList<ResolvedModule> modules, Dictionary<string, string[]> dependencies)
    {
        var paths = modules.Select(m => m.Path).ToList();
        foreach (var module in modules)
        {
            var before = paths.Take(paths.IndexOf(module.Path)).ToHashSet();
            Assert.All(dependencies[module.Path], d => Assert.Contains(d, before));
            Assert.Equal(dependencies[module.Path].Select(ModuleName).Order(StringComparer.Ordinal), module.Dependencies.Order(StringComparer.Ordinal));
        }
    }

    private static string ModuleName(string path) => Path.GetFileName(path)[..^3].Replace('-', '_');

    [Theory]
    [InlineData("virtio_net")]
    [InlineData("virtio_scsi")]
    [InlineData("btrfs")]
    [InlineData("nvme")]
    [InlineData("overlay")]
    public void Resolve_OtherModules_SameAsModprobe(string name)
    {
        var expected = Modprobe(name);

        var withDep = KernelModules.Resolve(DebianBoot.TreeWithModulesDep, DebianBoot.KernelVersion, [name]);
        var withoutDep = KernelModules.Resolve(DebianBoot.Tree, DebianBoot.KernelVersion, [name]);

        Assert.Equal(expected, withDep.Select(m => m.Path));
        Assert.Equal(expected.Order(StringComparer.Ordinal), withoutDep.Select(m => m.Path).Order(StringComparer.Ordinal));
        AssertLoadable(withoutDep, ModulesDep());
    }

    [Fact]
    public void Resolve_BuiltinModule_NothingToLoad()
    {
        var builtin = File.ReadLines(Path.Combine(DebianBoot.ModuleDirectory, "modules.builtin")).First(l => l.EndsWith("/ext4.ko", StringComparison.Ordinal));

        var modules = KernelModules.Resolve(DebianBoot.Tree, DebianBoot.KernelVersion, ["ext4", Path.GetFileName(builtin)]);

        Assert.Empty(modules);
    }

    [Fact]
    public void Resolve_UnknownModule_ThrowsNamingModuleAndVersion()
    {
        var error = Assert.Throws<InitrdContentException>(() => KernelModules.Resolve(DebianBoot.Tree, DebianBoot.KernelVersion, ["dm-verity", "no-such-driver"]));

        Assert.Contains("'no-such-driver'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{DebianBoot.KernelVersion}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownKernelVersion_ThrowsNamingDirectory()
    {
        var error = Assert.Throws<InitrdContentException>(() => KernelModules.Resolve(DebianBoot.Tree, "9.9.9", ["erofs"]));

        Assert.Contains("'/usr/lib/modules/9.9.9'", error.Message, StringComparison.Ordinal);
    }
}
