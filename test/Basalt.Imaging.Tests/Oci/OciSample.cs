using System.Text;
using Basalt.Imaging.Oci;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Tests.Oci;

/// <summary>A small root filesystem tree with every kind of node an OCI layer carries.</summary>
internal static class OciSample
{
    public static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static readonly string LongName = new('n', 150);

    public static OciImageOptions Options(bool gzip = true) => new()
    {
        Tag = "v1.0",
        Created = Created,
        Architecture = "amd64",
        Gzip = gzip,
        Env = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"],
        Entrypoint = ["/usr/bin/tool"],
        Cmd = ["--help"],
        Labels = new Dictionary<string, string> { ["org.example.z"] = "last", ["org.example.a"] = "first" },
    };

    /// <summary>The tree; <paramref name="reverse"/> inserts the same paths in the opposite order.</summary>
    public static FileTree Build(bool reverse = false, bool withDevices = true)
    {
        var steps = new List<Action<FileTree>>
        {
            t => t.AddFile("/etc/os-release", "ID=basalt\n"u8.ToArray()),
            t => t.AddFile("/usr/bin/tool", Encoding.ASCII.GetBytes(new string('x', 5000)), 0x1ED),
            t => t.AddFile("/usr/bin/su", "setuid"u8.ToArray(), 0x9ED), // 04755
            t => t.AddSymbolicLink("/usr/bin/sh", "bash"),
            t => t.AddFile("/usr/bin/bash", "bash binary"u8.ToArray(), 0x1ED),
            t => t.CreateDirectory("/tmp"),
            t => t.CreateDirectory("/deep/a/b/c"),
            t => t.AddFile("/deep/a/b/c/" + LongName, "long name"u8.ToArray(), 0x180), // 0600
            t => t.AddFile("/empty", []),
            t => t.AddSymbolicLink("/usr/lib-link", "/usr/" + new string('t', 120)),
        };
        if (withDevices)
        {
            steps.Add(t => t.Add("/dev/null", new DeviceNode(FileNodeKind.CharacterDevice, 1, 3, 0x1B6)));
            steps.Add(t => t.Add("/dev/fifo", new SpecialFileNode(FileNodeKind.Fifo, 0x180)));
        }

        var tree = new FileTree();
        foreach (var step in reverse ? Enumerable.Reverse(steps) : steps)
        {
            step(tree);
        }

        tree.Get("/tmp").Mode = 0x3FF; // 01777
        tree.Get("/deep/a/b/c").Mode = 0x1C0; // 0700

        // Hard links and metadata after all paths exist, so both orders give the same tree.
        tree.AddHardLink("/usr/bin/bash-hardlink", "/usr/bin/bash");
        var time = new FileTimestamp(1_600_000_000);
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            entry.Node.ModificationTime = time;
        }

        tree.Get("/usr/bin/tool").ModificationTime = new FileTimestamp(1_650_000_000, 123_456_789);
        var su = tree.Get("/usr/bin/su");
        su.Uid = 0;
        su.Gid = 0;
        var owned = tree.Get("/etc/os-release");
        owned.Uid = 1000;
        owned.Gid = 100;
        owned.ExtendedAttributes.Set("user.comment", "hello");
        tree.Get("/usr/bin/tool").ExtendedAttributes.Set("security.capability", [1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        return tree;
    }
}
