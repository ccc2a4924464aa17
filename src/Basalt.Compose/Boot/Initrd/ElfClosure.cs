using System.Text;
using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// The files a program needs to run, found the way the kernel and ld.so(8) find them in the image: the program, its
/// PT_INTERP loader, and every DT_NEEDED library, recursively. A library is searched, like ld.so does, in the
/// requesting object's DT_RPATH (and the program's) when it has no DT_RUNPATH, then its DT_RUNPATH, then the
/// directories ld.so.cache is built from (/etc/ld.so.conf and its includes, then the trusted directories), then the
/// default directories of the ELF machine (Debian's multiarch directories included); a candidate of another ELF
/// class or machine is passed over, as ld.so passes it over. Every symbolic link met on the way (a last component,
/// or a directory such as /lib64 → usr/lib64) is part of the result, so the same path resolves in the initrd.
/// An executable script ("#!") brings its interpreter and the interpreter's closure: it cannot run without it.
/// </summary>
public static class ElfClosure
{
    /// <summary>No program or library is near this; larger means hostile input.</summary>
    private const long MaxFileBytes = 1L << 30;

    /// <summary>S_IXUSR | S_IXGRP | S_IXOTH.</summary>
    private const int ExecuteBits = 0x49;

    /// <summary>
    /// Each of <paramref name="paths"/> and what it needs, in the order found (each once). Throws
    /// <see cref="InitrdContentException"/> for a missing path, loader or library (naming the file and the soname).
    /// </summary>
    public static IReadOnlyList<string> Resolve(FileTree root, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(paths);
        var search = new ElfSearch(root);
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var normalized = TreePath.Normalize(path);
            Add(root, search, normalized, null, result, seen, read, $"'{normalized}' is not in the image");
        }

        return result;
    }

    /// <summary>Adds the links met resolving <paramref name="path"/>, the file itself, and (once per file) what it needs.</summary>
    private static void Add(FileTree root, ElfSearch search, string path, ElfSharedObject? program, List<string> result,
        HashSet<string> seen, HashSet<string> read, string missing)
    {
        var met = new List<string>();
        var canonical = TreeLinks.Resolve(root, path, (p, node) =>
        {
            if (node is SymbolicLinkNode)
            {
                met.Add(p);
            }
        }, out var found);
        if (canonical is null || found is not RegularFileNode file)
        {
            throw new InitrdContentException(found is null ? missing : $"{missing}: '{path}' is a {found.Kind}, not a file");
        }

        foreach (var link in met.Append(canonical))
        {
            if (seen.Add(link))
            {
                result.Add(link);
            }
        }

        if (!read.Add(canonical))
        {
            return;
        }

        var bytes = ReadBytes(file, canonical);
        if (!ElfSharedObject.TryReadProgram(bytes, canonical, out var elf))
        {
            // execve(2) runs a script only when it is executable: a "#!" in documentation or an example is just text.
            if ((file.Mode & ExecuteBits) != 0 && Interpreter(bytes) is { } interpreter)
            {
                Add(root, search, interpreter, null, result, seen, read, $"'{canonical}' needs its interpreter '{interpreter}', which is not in the image");
            }

            return;
        }

        program ??= elf!;
        if (elf!.Interpreter is { } loader)
        {
            Add(root, search, loader, program, result, seen, read, $"'{canonical}' needs its ELF interpreter '{loader}', which is not in the image");
        }

        foreach (var soname in elf.Needed)
        {
            var library = search.Find(soname, canonical, elf, program)
                ?? throw new InitrdContentException($"'{canonical}' needs '{soname}', which is not in the image (searched {search.Describe(canonical, elf, program)}).");
            Add(root, search, library, program, result, seen, read, $"'{canonical}' needs '{soname}' at '{library}', which is not in the image");
        }
    }

    private static byte[] ReadBytes(RegularFileNode file, string path)
    {
        if (file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"'{path}' is larger than {MaxFileBytes} bytes.");
        }

        return file.Content.ReadAllBytes();
    }

    /// <summary>The interpreter of a "#!" script (execve(2), "Interpreter scripts"), or null.</summary>
    private static string? Interpreter(byte[] bytes)
    {
        if (bytes.Length < 3 || bytes[0] != '#' || bytes[1] != '!')
        {
            return null;
        }

        // The kernel reads at most BINPRM_BUF_SIZE (256) bytes of the first line.
        var line = Encoding.UTF8.GetString(bytes, 2, Math.Min(bytes.Length - 2, 254)).Split('\n')[0];
        var word = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return word is not null && word.StartsWith('/') ? word : null;
    }
}
