using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// Which module files an initrd needs for a set of module names, and the order to insmod them in: what
/// <c>modprobe -a --show-depends NAME…</c> prints for the same directory, each module once. Dependencies come from
/// modules.dep (and modules.softdep, modules.alias) when depmod has run, otherwise from each module's ".modinfo"
/// ("depends=", "softdep=", "alias="); soft pre- and post-dependencies are loaded around their module as modprobe
/// does (a soft dependency the kernel lacks is skipped, as modprobe skips it). Built-in modules (modules.builtin) need no loading. modprobe.d configuration is not read.
/// </summary>
public static class KernelModules
{
    /// <summary>
    /// The modules to load, dependencies first. Names may be written with '-' or '_', with or without a ".ko" suffix,
    /// or as an alias ("crc32c"). Throws <see cref="InitrdContentException"/> naming a module the kernel does not have.
    /// </summary>
    public static IReadOnlyList<ResolvedModule> Resolve(FileTree root, string kernelVersion, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(names);
        var directory = ModuleDirectory.Open(root, kernelVersion);
        var probe = new Probe(directory);
        foreach (var name in names)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            var modules = directory.Lookup(ModuleDirectory.NameOf(name.Trim()))
                ?? throw new InitrdContentException(
                    $"Kernel '{kernelVersion}' has no module '{name}' (searched '{directory.Path}', {(directory.HasModulesDep ? "modules.dep" : "module files")}, modules.builtin and aliases).");
            foreach (var module in modules)
            {
                probe.Visit(module);
            }
        }

        return probe.Result;
    }

    /// <summary>libkmod's probe list (kmod_module_get_probe_list): each dependency with its soft dependencies, then the module's.</summary>
    private sealed class Probe(ModuleDirectory directory)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly HashSet<string> _emitted = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<string>> _dependencies = new(StringComparer.Ordinal);

        public List<ResolvedModule> Result { get; } = [];

        public void Visit(string name)
        {
            if (!_visited.Add(name))
            {
                return;
            }

            foreach (var dependency in Dependencies(name, []))
            {
                WithSoftDependencies(dependency);
            }

            WithSoftDependencies(name);
        }

        private void WithSoftDependencies(string name)
        {
            var (pre, post) = directory.SoftDependencies(name);
            foreach (var soft in pre)
            {
                foreach (var module in directory.Lookup(soft) ?? [])
                {
                    Visit(module);
                }
            }

            if (_emitted.Add(name))
            {
                Result.Add(new ResolvedModule(name, directory.PathOf(name), Dependencies(name, [])));
            }

            foreach (var soft in post)
            {
                foreach (var module in directory.Lookup(soft) ?? [])
                {
                    Visit(module);
                }
            }
        }

        /// <summary>All modules <paramref name="name"/> needs, dependencies first: modules.dep's list, or depth first over "depends=".</summary>
        private IReadOnlyList<string> Dependencies(string name, List<string> chain)
        {
            if (_dependencies.TryGetValue(name, out var known))
            {
                return known;
            }

            if (directory.ListedDependencies(name) is { } listed)
            {
                _dependencies.Add(name, listed);
                return listed;
            }

            if (chain.Contains(name))
            {
                throw new InvalidDataException($"Kernel '{directory.Version}' modules depend on each other in a cycle: '{string.Join("' → '", chain.Append(name))}'.");
            }

            chain.Add(name);
            var result = new List<string>();
            foreach (var dependency in directory.Info(name).Depends.Select(ModuleDirectory.NameOf))
            {
                if (!directory.IsLoadable(dependency))
                {
                    throw new InitrdContentException($"Kernel module '{directory.PathOf(name)}' depends on '{dependency}', which kernel '{directory.Version}' does not have as a module.");
                }

                foreach (var indirect in Dependencies(dependency, chain).Append(dependency))
                {
                    if (!result.Contains(indirect))
                    {
                        result.Add(indirect);
                    }
                }
            }

            chain.RemoveAt(chain.Count - 1);
            _dependencies.Add(name, result);
            return result;
        }
    }
}
