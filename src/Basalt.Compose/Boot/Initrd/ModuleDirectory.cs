using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// One kernel's module directory in an image (modules.dep(5), depmod(8)): "/usr/lib/modules/VERSION" or
/// "/lib/modules/VERSION". Indexes loadable modules by name, from modules.dep when depmod has run, else by walking
/// the directory; knows the built-in modules (modules.builtin) and reads each module's ".modinfo" on demand.
/// </summary>
internal sealed partial class ModuleDirectory
{
    /// <summary>The suffixes kmod recognises for module files (libkmod's path_ends_with_kmod_ext).</summary>
    private static readonly string[] Suffixes = [".ko", ".ko.gz", ".ko.xz", ".ko.zst"];

    /// <summary>No module or index file comes near this; larger means hostile input.</summary>
    private const long MaxFileBytes = 256L << 20;

    private readonly FileTree _tree;
    private readonly Dictionary<string, string> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>>? _dependencies;
    private readonly HashSet<string> _builtin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleInfo> _info = new(StringComparer.Ordinal);

    private ModuleDirectory(FileTree tree, string version, string path)
    {
        _tree = tree;
        Version = version;
        Path = path;
        _dependencies = ReadModulesDep();
        if (_dependencies is null)
        {
            var directory = (DirectoryNode)tree.Get(path);
            Walk(directory, path);
        }

        foreach (var line in Lines("modules.builtin"))
        {
            _builtin.Add(NameOf(line));
        }
    }

    public string Version { get; }

    /// <summary>The canonical tree path of the directory.</summary>
    public string Path { get; }

    /// <summary>True when the dependencies come from modules.dep (depmod ran), false when from ".modinfo".</summary>
    public bool HasModulesDep => _dependencies is not null;

    /// <summary>Opens the directory of <paramref name="version"/>, preferring /usr/lib/modules (usr-merged images).</summary>
    public static ModuleDirectory Open(FileTree tree, string version)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentException.ThrowIfNullOrEmpty(version);
        TreePath.ValidateName(version);
        foreach (var candidate in (string[])[$"/usr/lib/modules/{version}", $"/lib/modules/{version}"])
        {
            if (TreeLinks.Resolve(tree, candidate, null, out var node) is { } canonical && node is DirectoryNode)
            {
                return new ModuleDirectory(tree, version, canonical);
            }
        }

        throw new InitrdContentException($"Kernel '{version}' has no module directory in the image ('/usr/lib/modules/{version}' or '/lib/modules/{version}').");
    }

    /// <summary>kmod's module name: the file name without its suffix, '-' written as '_' (modprobe(8)).</summary>
    public static string NameOf(string fileOrName)
    {
        var name = fileOrName[(fileOrName.LastIndexOf('/') + 1)..];
        foreach (var suffix in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return name.Replace('-', '_');
    }

    public bool IsLoadable(string name) => _modules.ContainsKey(name);

    public bool IsBuiltin(string name) => _builtin.Contains(name);

    /// <summary>The tree path of a loadable module.</summary>
    public string PathOf(string name) => _modules[name];

    /// <summary>modules.dep's list for a module, dependencies first (the reverse of the file's order), or null without modules.dep.</summary>
    public IReadOnlyList<string>? ListedDependencies(string name)
        => _dependencies is null ? null : Enumerable.Reverse(_dependencies[name]).ToList();

    /// <summary>The parsed ".modinfo" of a loadable module (decompressed first when the file is compressed).</summary>
    public ModuleInfo Info(string name)
    {
        if (!_info.TryGetValue(name, out var info))
        {
            var path = _modules[name];
            info = ModuleInfo.Read(ReadModule(path), path);
            _info.Add(name, info);
        }

        return info;
    }

    private Dictionary<string, List<string>>? ReadModulesDep()
    {
        if (!TryReadText("modules.dep", out var text))
        {
            return null;
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (colon <= 0)
            {
                throw new InvalidDataException($"'{Path}/modules.dep' has a line without ':' ('{line}').");
            }

            var module = line[..colon].Trim();
            var name = NameOf(module);
            // depmod writes paths relative to the directory; module-init-tools wrote absolute ones.
            if (_modules.TryAdd(name, ModulePath(module)))
            {
                result.Add(name, [.. line[(colon + 1)..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(NameOf)]);
            }
        }

        foreach (var (name, dependencies) in result)
        {
            if (dependencies.FirstOrDefault(d => !result.ContainsKey(d)) is { } missing)
            {
                throw new InvalidDataException($"'{Path}/modules.dep' lists '{missing}' as a dependency of '{name}' but has no line for it.");
            }
        }

        return result;
    }

    private string ModulePath(string listed) => listed.StartsWith('/') ? TreePath.Normalize(listed) : TreePath.Normalize(Path + "/" + listed);

    /// <summary>depmod's search without modules.dep: every module file below the directory, links not followed.</summary>
    private void Walk(DirectoryNode directory, string path)
    {
        foreach (var (name, child) in directory.Children)
        {
            var childPath = TreePath.Combine(path, name);
            if (child is DirectoryNode subdirectory)
            {
                Walk(subdirectory, childPath);
            }
            else if (child is RegularFileNode && Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            {
                // depmod.conf's default "search updates built-in": a module under updates/ overrides the kernel's.
                var module = NameOf(name);
                var relative = childPath[(Path.Length + 1)..];
                if (!_modules.TryGetValue(module, out var existing) || (relative.StartsWith("updates/", StringComparison.Ordinal)
                    && !existing[(Path.Length + 1)..].StartsWith("updates/", StringComparison.Ordinal)))
                {
                    _modules[module] = childPath;
                }
            }
        }
    }
}
