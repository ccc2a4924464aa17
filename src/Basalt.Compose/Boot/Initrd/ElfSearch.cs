using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>ld.so's library search (ld.so(8), "Shared object dependencies") over an image tree.</summary>
internal sealed class ElfSearch(FileTree tree)
{
    private const long MaxFileBytes = 1L << 30;
    private List<string>? _cacheDirectories;
    private readonly Dictionary<string, (bool Is64, ushort Machine)?> _candidates = new(StringComparer.Ordinal);

    /// <summary>The path (as searched, links not resolved) of the library <paramref name="soname"/> for <paramref name="requester"/>, or null.</summary>
    public string? Find(string soname, string requesterPath, ElfSharedObject requester, ElfSharedObject program)
    {
        if (soname.Contains('/', StringComparison.Ordinal))
        {
            // A DT_NEEDED with a slash is a path, relative to the process's directory: "/" in the initrd.
            return TreeLinks.AbsoluteTarget("/", soname);
        }

        foreach (var directory in Directories(requesterPath, requester, program))
        {
            var candidate = TreePath.Combine(directory, soname);
            if (Matches(candidate, requester))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The searched directories, for an error message.</summary>
    public string Describe(string requesterPath, ElfSharedObject requester, ElfSharedObject program)
        => string.Join(", ", Directories(requesterPath, requester, program).Select(d => $"'{d}'"));

    private IEnumerable<string> Directories(string requesterPath, ElfSharedObject requester, ElfSharedObject program)
    {
        var origin = TreeLinks.Parent(requesterPath);
        if (requester.RunPath is null)
        {
            // DT_RPATH of the object, then of the program that loads it, only when the object has no DT_RUNPATH.
            foreach (var directory in Split(requester.RPath, origin, requester))
            {
                yield return directory;
            }

            if (!ReferenceEquals(requester, program))
            {
                foreach (var directory in Split(program.RPath, null, requester))
                {
                    yield return directory;
                }
            }
        }

        foreach (var directory in Split(requester.RunPath, origin, requester))
        {
            yield return directory;
        }

        _cacheDirectories ??= [.. LdSoConfig.Directories(tree, []).Select(d => d.Name)];
        foreach (var directory in _cacheDirectories)
        {
            yield return directory;
        }

        foreach (var directory in DefaultDirectories(requester))
        {
            yield return directory;
        }
    }

    /// <summary>glibc's system directories for the machine, plus the multiarch ones Debian builds ld.so with.</summary>
    private static string[] DefaultDirectories(ElfSharedObject elf) => (elf.Machine, elf.Is64) switch
    {
        (ElfLayout.MachineX8664, true) => ["/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"],
        (ElfLayout.MachineAarch64, true) => ["/lib64", "/usr/lib64", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu"],
        (ElfLayout.MachineX86, false) => ["/lib", "/usr/lib", "/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu"],
        (_, true) => ["/lib64", "/usr/lib64"],
        _ => ["/lib", "/usr/lib"],
    };

    /// <summary>A DT_RPATH/DT_RUNPATH list with ld.so's dynamic string tokens expanded ($ORIGIN, $LIB, $PLATFORM).</summary>
    private static IEnumerable<string> Split(string? list, string? origin, ElfSharedObject elf)
    {
        if (list is null)
        {
            yield break;
        }

        foreach (var entry in list.Split(':'))
        {
            var expanded = entry;
            if (origin is not null)
            {
                expanded = expanded.Replace("${ORIGIN}", origin, StringComparison.Ordinal).Replace("$ORIGIN", origin, StringComparison.Ordinal);
            }

            var lib = elf.Is64 ? "lib64" : "lib";
            var platform = elf.Machine switch { ElfLayout.MachineX8664 => "x86_64", ElfLayout.MachineAarch64 => "aarch64", _ => "i686" };
            expanded = expanded.Replace("${LIB}", lib, StringComparison.Ordinal).Replace("$LIB", lib, StringComparison.Ordinal)
                .Replace("${PLATFORM}", platform, StringComparison.Ordinal).Replace("$PLATFORM", platform, StringComparison.Ordinal);
            // An empty entry means the current directory, and a relative one is relative to it: the initrd's "/".
            if (!expanded.Contains('$', StringComparison.Ordinal))
            {
                yield return TreeLinks.AbsoluteTarget("/", expanded.Length == 0 ? "." : expanded);
            }
        }
    }

    /// <summary>True when <paramref name="path"/> is an ELF file of the requester's class and machine.</summary>
    private bool Matches(string path, ElfSharedObject requester)
    {
        if (!_candidates.TryGetValue(path, out var identity))
        {
            identity = null;
            if (TreeLinks.Resolve(tree, path, null, out var node) is not null && node is RegularFileNode file && file.Length <= MaxFileBytes)
            {
                try
                {
                    if (ElfSharedObject.TryReadProgram(file.Content.ReadAllBytes(), path, out var elf))
                    {
                        identity = (elf!.Is64, elf.Machine);
                    }
                }
                catch (InvalidDataException)
                {
                    // ld.so passes over a file it cannot map and keeps searching; so does the search here.
                }
            }

            _candidates.Add(path, identity);
        }

        return identity is { } found && found.Is64 == requester.Is64 && found.Machine == requester.Machine;
    }
}
