using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Tree;

/// <summary>Builds host directories with every file type, hard links and xattrs (python3's os module sets xattrs and makes nodes).</summary>
internal static class HostTrees
{
    public static void Populate(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "hello.txt"), "hello\n");
        Directory.CreateDirectory(Path.Combine(root, "usr/bin"));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var big = new byte[200_000];
        new Random(3).NextBytes(big);
        File.WriteAllBytes(Path.Combine(root, "usr/bin/tool"), big);
        File.WriteAllBytes(Path.Combine(root, "usr/bin/empty-file"), []);
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/alias"), "tool");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "/does/not/exist");
        var capability = Convert.ToHexString(new VfsCapability(1UL << 13 | 1UL << 12, 0, true).Encode());
        var script = $$"""
            import os
            r = {{'"'}}{{root}}{{'"'}}
            os.link(r + "/usr/bin/tool", r + "/usr/bin/tool-link")
            os.link(r + "/usr/bin/tool", r + "/tool-link2")
            os.mknod(r + "/null", 0o20666, os.makedev(1, 3))
            os.mknod(r + "/sda1", 0o60640, os.makedev(8, 1))
            os.mkfifo(r + "/fifo", 0o600)
            os.setxattr(r + "/usr/bin/tool", "security.capability", bytes.fromhex("{{capability}}"))
            os.setxattr(r + "/usr/bin/tool", "user.origin", b"test")
            os.setxattr(r + "/hello.txt", "trusted.md5", b"0123456789abcdef")
            os.setxattr(r + "/empty", "user.empty-value", b"")
            os.chmod(r + "/usr/bin/tool", 0o4755)
            os.chmod(r + "/empty", 0o1777)
            os.chmod(r + "/null", 0o666)
            """;
        ExternalTool.Run("/usr/bin/python3", ["-c", script]).EnsureSuccess("python3 populate");
    }
}
