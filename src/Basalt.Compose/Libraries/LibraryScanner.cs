using Basalt.Imaging.Tree;

namespace Basalt.Compose.Libraries;

internal enum LibraryMachine
{
    X8664,
    Aarch64,
}

/// <summary>A library ldconfig keeps for one soname in one directory.</summary>
internal sealed record ScannedLibrary(string FileName, string Soname, bool IsLink, int Flags);

/// <summary>ldconfig's per-directory scan (elf/ldconfig.c search_dir), on the tree.</summary>
internal static class LibraryScanner
{
    /// <summary>Shared objects beyond this size are not read (no real library is near it).</summary>
    private const long MaxLibraryBytes = 1L << 30;

    public static List<ScannedLibrary> Scan(FileTree tree, string name, string canonical, DirectoryNode directory, LibraryMachine machine, List<string> notes)
    {
        var found = new List<ScannedLibrary>();
        foreach (var (fileName, node) in directory.Children)
        {
            // Only "lib*.so*" and "ld-*.so*" are libraries to ldconfig (ldconfig(8)).
            if (!(fileName.StartsWith("lib", StringComparison.Ordinal) || fileName.StartsWith("ld-", StringComparison.Ordinal))
                || !fileName.Contains(".so", StringComparison.Ordinal) || node is DirectoryNode)
            {
                if (fileName == "glibc-hwcaps" && node is DirectoryNode)
                {
                    notes.Add($"'{name}/glibc-hwcaps' is not scanned: glibc-hwcaps subdirectory entries are not written");
                }

                continue;
            }

            var path = $"{(name == "/" ? "" : name)}/{fileName}";
            var isLink = node is SymbolicLinkNode;
            if (!TreeLinks.TryResolve(tree, TreePath.Combine(canonical, fileName), true, out _, out var target) || target is not RegularFileNode file)
            {
                if (isLink)
                {
                    notes.Add($"'{path}': link target missing, skipped");
                }

                continue;
            }

            var library = Read(file, path, machine, notes);
            if (library is null)
            {
                continue;
            }

            var soname = library.Value.Soname ?? fileName;
            if (isLink)
            {
                // A link stays a link (and gets its own cache entry under its own name) when it is named after the
                // soname, or is a ".so" development link whose name starts the soname ("libffi.so" for
                // "libffi.so.8"); any other link counts as the file it points to. Checked against ldconfig -r.
                if (fileName != soname && !(fileName.EndsWith(".so", StringComparison.Ordinal) && soname.StartsWith(fileName, StringComparison.Ordinal)))
                {
                    isLink = false;
                }
            }

            if (isLink)
            {
                soname = fileName;
            }

            var index = found.FindIndex(l => l.Soname == soname);
            var candidate = new ScannedLibrary(fileName, soname, isLink, library.Value.Flags);
            if (index < 0)
            {
                found.Add(candidate);
            }
            else if ((!isLink && found[index].IsLink)
                     || (isLink == found[index].IsLink && LibraryNameComparer.Instance.Compare(found[index].FileName, fileName) < 0))
            {
                found[index] = candidate; // a file beats a link; otherwise the newer name wins
            }
        }

        return found;
    }

    private static (string? Soname, int Flags)? Read(RegularFileNode file, string path, LibraryMachine machine, List<string> notes)
    {
        if (file.Length > MaxLibraryBytes)
        {
            notes.Add($"'{path}': larger than {MaxLibraryBytes} bytes, skipped");
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = file.Content.ReadAllBytes();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            notes.Add($"'{path}': cannot be read ({exception.Message}), skipped");
            return null;
        }

        ElfSharedObject? elf;
        try
        {
            if (!ElfSharedObject.TryRead(bytes, path, out elf))
            {
                // Linker scripts such as libc.so are expected here; anything else is worth a note.
                if (!System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)).Contains("GNU ld script", StringComparison.Ordinal))
                {
                    notes.Add($"'{path}': not an ELF file, skipped");
                }

                return null;
            }
        }
        catch (InvalidDataException exception)
        {
            notes.Add($"'{path}': {exception.Message} Skipped.");
            return null;
        }

        var flags = (machine, elf!.Machine, elf.Is64) switch
        {
            (LibraryMachine.X8664, ElfLayout.MachineX8664, true) => LdSoCacheFormat.FlagX8664Lib64 | LdSoCacheFormat.FlagElfLibc6,
            (LibraryMachine.X8664, ElfLayout.MachineX8664, false) => LdSoCacheFormat.FlagX8664LibX32 | LdSoCacheFormat.FlagElfLibc6,
            (LibraryMachine.X8664, ElfLayout.MachineX86, false) => Libc(elf.Needed),
            (LibraryMachine.Aarch64, ElfLayout.MachineAarch64, true) => LdSoCacheFormat.FlagAarch64Lib64 | LdSoCacheFormat.FlagElfLibc6,
            _ => -1,
        };
        if (flags < 0)
        {
            notes.Add($"'{path}': ELF machine {elf.Machine} is not for {machine}, skipped");
            return null;
        }

        return (elf.Soname, flags);
    }

    /// <summary>A 32-bit x86 library is typed by the C library it needs (ldconfig's known_libs).</summary>
    private static int Libc(IReadOnlyList<string> needed)
    {
        foreach (var library in needed)
        {
            if (library is "libc.so.6" or "libm.so.6")
            {
                return LdSoCacheFormat.FlagElfLibc6;
            }

            if (library is "libc.so.5" or "libm.so.5")
            {
                return LdSoCacheFormat.FlagElfLibc5;
            }
        }

        return LdSoCacheFormat.FlagElf;
    }

    /// <summary>
    /// ldconfig's create_links: DIR/SONAME → TARGET (a relative name) unless SONAME already resolves to the same
    /// file; a regular file named SONAME is left alone; a link elsewhere or a dangling link is replaced.
    /// </summary>
    public static bool CreateSonameLink(FileTree tree, string canonicalDirectory, string soname, string target, FileTimestamp timestamp, List<string> notes)
    {
        var linkPath = TreePath.Combine(canonicalDirectory, soname);
        TreeLinks.TryResolve(tree, TreePath.Combine(canonicalDirectory, target), true, out _, out var library);
        if (TreeLinks.TryResolve(tree, linkPath, true, out _, out var existing) && existing is not null)
        {
            if (ReferenceEquals(existing, library))
            {
                return false;
            }

            if (tree.TryGet(linkPath, out var direct) && direct is not SymbolicLinkNode)
            {
                notes.Add($"'{linkPath}' is not a symbolic link, left alone");
                return false;
            }
        }

        tree.AddOrReplace(linkPath, new SymbolicLinkNode(target) { ModificationTime = timestamp });
        return true;
    }
}
