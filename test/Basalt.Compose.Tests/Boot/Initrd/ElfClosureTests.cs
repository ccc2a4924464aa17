using Basalt.Compose.Boot.Initrd;
using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary>
/// <see cref="ElfClosure"/> on Debian's veritysetup and busybox against glibc's own loader listing the same files
/// (<c>ld-linux-x86-64.so.2 --library-path … --list</c> over the unpacked packages), and on small trees.
/// </summary>
public sealed class ElfClosureTests
{
    /// <summary>The libraries ld.so loads for a program, as tree paths, found in the unpacked packages only.</summary>
    public static List<string> LdSoList(string program)
    {
        var root = DebianBoot.Directory;
        var loader = Path.Combine(root, "lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        var output = ExternalTool.Run(loader, ["--inhibit-cache", "--library-path", $"{root}/lib/x86_64-linux-gnu:{root}/usr/lib/x86_64-linux-gnu", "--list", root + program])
            .EnsureSuccess("ld.so --list").StandardOutput;
        return [.. output.Split('\n').Where(l => l.Contains(" => ", StringComparison.Ordinal))
            .Select(l => l.Split(" => ")[1].Split(" (")[0].Trim())
            .Select(p => Assert.IsType<string>(p.StartsWith(root, StringComparison.Ordinal) ? p[root.Length..] : p))];
    }

    [Fact]
    public void Resolve_Veritysetup_SameLibrariesAsLdSo()
    {
        var expected = LdSoList("/sbin/veritysetup");

        var closure = ElfClosure.Resolve(DebianBoot.Tree, ["/sbin/veritysetup"]);

        // Every library ld.so maps is in the closure under the path ld.so found it at, and every file of the closure
        // is the program, the loader, or the file one of those paths names.
        Assert.All(expected, p => Assert.Contains(p, closure));
        var files = closure.Where(p => DebianBoot.Tree.Get(p) is RegularFileNode).Order(StringComparer.Ordinal);
        var expectedFiles = expected.Append("/sbin/veritysetup").Append("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
            .Select(p => "/" + Path.GetRelativePath(DebianBoot.Directory, new FileInfo(DebianBoot.Directory + p).ResolveLinkTarget(true)?.FullName ?? DebianBoot.Directory + p))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, files);
        Assert.Contains("/lib64/ld-linux-x86-64.so.2", closure); // PT_INTERP, a link to /lib/x86_64-linux-gnu
        Assert.Contains("/lib/x86_64-linux-gnu/libcryptsetup.so.12", closure);
        Assert.Equal("/sbin/veritysetup", closure[0]);
    }

    [Fact]
    public void Resolve_StaticBusybox_OnlyItself()
    {
        var closure = ElfClosure.Resolve(DebianBoot.Tree, ["/bin/busybox"]);

        Assert.Equal(["/bin/busybox"], closure);
    }

    [Fact]
    public void Resolve_LibraryMissing_ThrowsNamingProgramAndSoname()
    {
        var tree = new FileTree();
        foreach (var path in (string[])["/sbin/veritysetup", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6"])
        {
            tree.Add(path, new RegularFileNode(FileContent.FromFile(DebianBoot.Directory + path), 0x1ED));
        }

        tree.AddSymbolicLink("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");

        var error = Assert.Throws<InitrdContentException>(() => ElfClosure.Resolve(tree, ["/sbin/veritysetup"]));

        Assert.StartsWith("'/sbin/veritysetup' needs 'libcryptsetup.so.12', which is not in the image (searched ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UsrMergedTreeAndScript_FollowsLinksAndInterpreter()
    {
        // A usr-merged layout: /lib64 → usr/lib64 and /bin → usr/bin; a script run by /bin/sh, a link to busybox.
        var host = DebianBoot.Directory + "/lib/x86_64-linux-gnu/";
        var tree = new FileTree();
        tree.AddSymbolicLink("/lib64", "usr/lib64");
        tree.AddSymbolicLink("/bin", "usr/bin");
        tree.Add("/usr/lib64/ld-linux-x86-64.so.2", new RegularFileNode(FileContent.FromFile(host + "ld-linux-x86-64.so.2"), 0x1ED));
        tree.Add("/usr/lib64/libc.so.6", new RegularFileNode(FileContent.FromFile(host + "libc.so.6"), 0x1ED));
        tree.Add("/usr/lib64/libpopt.so.0.0.2", new RegularFileNode(FileContent.FromFile(DebianBoot.Directory + "/usr/lib/x86_64-linux-gnu/libpopt.so.0.0.2"), 0x1ED));
        tree.AddSymbolicLink("/usr/lib64/libpopt.so.0", "libpopt.so.0.0.2");
        tree.Add("/usr/bin/busybox", new RegularFileNode(FileContent.FromFile(DebianBoot.Directory + "/bin/busybox"), 0x1ED));
        tree.AddSymbolicLink("/usr/bin/sh", "busybox");
        tree.AddFile("/usr/libexec/hook", "#!/bin/sh -e\necho hi\n"u8.ToArray(), 0x1ED);

        var closure = ElfClosure.Resolve(tree, ["/usr/lib64/libpopt.so.0", "/usr/libexec/hook"]);

        Assert.Equal(
            ["/usr/lib64/libpopt.so.0", "/usr/lib64/libpopt.so.0.0.2", "/lib64", "/usr/lib64/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2",
             "/usr/libexec/hook", "/bin", "/usr/bin/sh", "/usr/bin/busybox"],
            closure);
    }

    [Fact]
    public void Resolve_RunpathWithOriginAndRpath_SearchedBeforeTheSystemDirectories()
    {
        // libtop (DT_RUNPATH $ORIGIN/../private) needs libmid, which libtop's runpath finds; libmid (DT_RPATH
        // /opt/rpath) needs libleaf, which exists both there and in /usr/lib64: DT_RPATH wins, as in ld.so.
        var cc = ExternalTool.Require("cc", "gcc");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Path("leaf.c"), "int leaf(void) { return 1; }\n");
        File.WriteAllText(temp.Path("mid.c"), "int leaf(void); int mid(void) { return leaf(); }\n");
        File.WriteAllText(temp.Path("top.c"), "int mid(void); int top(void) { return mid(); }\n");
        ExternalTool.Shell($"""
            set -e; cd '{temp.FullPath}'
            cc -shared -fPIC -o libleaf.so.1 -Wl,-soname,libleaf.so.1 leaf.c
            cc -shared -fPIC -o libmid.so.1 -Wl,-soname,libmid.so.1 -Wl,--disable-new-dtags -Wl,-rpath,/opt/rpath mid.c libleaf.so.1
            cc -shared -fPIC -o libtop.so.1 -Wl,-soname,libtop.so.1 -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/../private' top.c libmid.so.1
            """).EnsureSuccess("cc");
        var host = DebianBoot.Directory + "/lib/x86_64-linux-gnu/";
        var tree = new FileTree();
        tree.Add("/usr/lib64/ld-linux-x86-64.so.2", new RegularFileNode(FileContent.FromFile(host + "ld-linux-x86-64.so.2"), 0x1ED));
        tree.AddSymbolicLink("/lib64", "usr/lib64");
        tree.Add("/usr/lib64/libc.so.6", new RegularFileNode(FileContent.FromFile(host + "libc.so.6"), 0x1ED));
        tree.Add("/usr/lib64/libleaf.so.1", new RegularFileNode(FileContent.FromFile(temp.Path("libleaf.so.1"))));
        tree.Add("/opt/rpath/libleaf.so.1", new RegularFileNode(FileContent.FromFile(temp.Path("libleaf.so.1"))));
        tree.Add("/opt/app/private/libmid.so.1", new RegularFileNode(FileContent.FromFile(temp.Path("libmid.so.1"))));
        tree.Add("/opt/app/lib/libtop.so.1", new RegularFileNode(FileContent.FromFile(temp.Path("libtop.so.1"))));

        var closure = ElfClosure.Resolve(tree, ["/opt/app/lib/libtop.so.1"]);

        // cc links with --as-needed, so none of the three needs libc.
        Assert.Equal(["/opt/app/lib/libtop.so.1", "/opt/app/private/libmid.so.1", "/opt/rpath/libleaf.so.1"], closure);
    }

    [Fact]
    public void TryReadProgram_Veritysetup_InterpreterAndNeeded()
    {
        var bytes = File.ReadAllBytes(DebianBoot.Directory + "/sbin/veritysetup");

        Assert.True(ElfSharedObject.TryReadProgram(bytes, "veritysetup", out var elf));

        Assert.Equal("/lib64/ld-linux-x86-64.so.2", elf!.Interpreter);
        Assert.Contains("libcryptsetup.so.12", elf.Needed);
        Assert.False(elf.IsStatic);
        Assert.Throws<InvalidDataException>(() => ElfSharedObject.TryRead(File.ReadAllBytes(DebianBoot.Directory + "/bin/busybox"), "busybox", out _));
        Assert.True(ElfSharedObject.TryReadProgram(File.ReadAllBytes(DebianBoot.Directory + "/bin/busybox"), "busybox", out var busybox));
        Assert.True(busybox!.IsStatic);
        Assert.Equal(2, busybox.Type); // ET_EXEC
    }

    [Fact]
    public void TryReadProgram_MutatedProgram_OnlyInvalidData()
    {
        var valid = File.ReadAllBytes(DebianBoot.Directory + "/sbin/veritysetup");
        MutationFuzzer.Run(valid, [(0, 64), (64, 56 * 13), (0, Math.Min(valid.Length, 8192))], bytes => ElfSharedObject.TryReadProgram(bytes, "veritysetup", out _));
    }

    [Fact]
    public void Resolve_PathMissing_ThrowsNamingIt()
    {
        var error = Assert.Throws<InitrdContentException>(() => ElfClosure.Resolve(new FileTree(), ["/usr/bin/nothing"]));

        Assert.Equal("'/usr/bin/nothing' is not in the image", error.Message);
    }
}
