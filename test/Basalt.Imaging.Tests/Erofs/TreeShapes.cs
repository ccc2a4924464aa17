using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Tests.Erofs;

/// <summary>Trees that exercise the writer's corners.</summary>
internal static class TreeShapes
{
    public static readonly FileTimestamp Build = new(1_700_000_000);

    public static FileTree Mixed()
    {
        var tree = new FileTree { DefaultTimestamp = Build };
        tree.Root.ModificationTime = Build;
        tree.AddFile("/etc/hostname", "basalt\n"u8.ToArray());
        tree.AddFile("/etc/empty", []);
        tree.AddDirectory("/var/empty");
        var big = new byte[3 * 4096 + 123];
        new Random(1).NextBytes(big);
        tree.AddFile("/usr/lib/big.bin", big);
        var exact = new byte[2 * 4096];
        new Random(2).NextBytes(exact);
        tree.AddFile("/usr/lib/exact.bin", exact);
        var ls = tree.AddFile("/usr/bin/ls", Encoding.ASCII.GetBytes("#!/bin/sh\necho ls\n"), 0x1ED);
        tree.AddHardLink("/usr/bin/dir", "/usr/bin/ls");
        tree.AddHardLink("/usr/sbin/vdir", "/usr/bin/ls");
        tree.AddSymbolicLink("/bin", "usr/bin");
        tree.AddSymbolicLink("/usr/lib/long-link", new string('x', 3000));
        tree.Add("/dev/null", new DeviceNode(FileNodeKind.CharacterDevice, 1, 3, 0x1B6) { ModificationTime = Build });
        tree.Add("/dev/sda", new DeviceNode(FileNodeKind.BlockDevice, 8, 0) { ModificationTime = Build });
        tree.Add("/dev/big", new DeviceNode(FileNodeKind.CharacterDevice, 300, 70000) { ModificationTime = Build });
        tree.Add("/run/fifo", new SpecialFileNode(FileNodeKind.Fifo) { ModificationTime = Build });
        tree.Add("/run/socket", new SpecialFileNode(FileNodeKind.Socket, 0x1FF) { ModificationTime = Build });
        var ping = tree.AddFile("/usr/bin/ping", "ELF"u8.ToArray(), 0x1ED);
        ping.ExtendedAttributes.Set(VfsCapability.AttributeName, new VfsCapability(1UL << 13, 0, true).Encode());
        ping.ExtendedAttributes.Set("security.selinux", "system_u:object_r:ping_exec_t:s0\0");
        ls.ExtendedAttributes.Set("user.comment", "hard linked");
        ls.ExtendedAttributes.Set("trusted.overlay.opaque", "y");
        var suid = tree.AddFile("/usr/bin/su", "su"u8.ToArray(), 0xDED); // 06755
        suid.Gid = 5;
        var tmp = tree.AddDirectory("/tmp", 0x3FF); // 01777
        tmp.ExtendedAttributes.Set("user.big", new byte[3000]);
        var owned = tree.AddFile("/home/user/.profile", "x"u8.ToArray());
        owned.Uid = 100_000; // needs an extended inode
        owned.Gid = 100_000;
        var stamped = tree.AddFile("/home/user/stamped", "y"u8.ToArray());
        stamped.ModificationTime = new FileTimestamp(1_234_567_890, 123_456_789);
        return tree;
    }
}

/// <summary>Larger generated shapes.</summary>
internal static class GeneratedShapes
{
    public static FileTree ManySmallFiles(int count)
    {
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var content = new byte[random.Next(0, 9000)];
            random.NextBytes(content);
            tree.AddFile($"/d{i % 37:D2}/sub{i % 5}/file-{i:D5}.dat", content);
        }

        // One directory with many entries spans several directory blocks.
        for (var i = 0; i < 1500; i++)
        {
            tree.AddFile($"/wide/entry-with-a-longer-name-{i:D5}", []);
        }

        return tree;
    }

    public static FileTree Deep(int depth)
    {
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        var path = "";
        for (var i = 0; i < depth; i++)
        {
            path += $"/level{i:D3}";
            tree.AddFile(path + "/marker", System.Text.Encoding.ASCII.GetBytes(path));
        }

        return tree;
    }

    public static FileTree LongNames()
    {
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        tree.AddFile("/" + new string('a', 255), "255 ASCII bytes"u8.ToArray());
        tree.AddFile("/" + string.Concat(Enumerable.Repeat("é", 127)) + "x", "255 UTF-8 bytes"u8.ToArray()); // 127 * 2 + 1
        tree.AddFile("/" + string.Concat(Enumerable.Repeat("😀", 63)) + "abc", "emoji"u8.ToArray()); // 63 * 4 + 3
        tree.AddFile("/\uFFFD", "U+FFFD sorts before U+1F600 in UTF-8"u8.ToArray());
        tree.AddFile("/-dash", "sorts before '.'"u8.ToArray());
        tree.AddFile("/!bang", "sorts before '.'"u8.ToArray());
        tree.AddFile("/.hidden", "sorts after '..'"u8.ToArray());
        var directory = tree.AddDirectory("/" + new string('d', 255));
        _ = directory;
        tree.AddFile("/" + new string('d', 255) + "/" + new string('f', 255), []);
        return tree;
    }

    public static FileTree Symlinks()
    {
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        foreach (var length in new[] { 1, 2, 31, 32, 33, 100, 1000, 2047, 4000, 4030, 4031, 4032, 4033, 4063, 4064, 4065, 4095 })
        {
            var target = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
            tree.AddSymbolicLink($"/links/len-{length:D4}", target);
        }

        var withXattr = tree.AddSymbolicLink("/links/xattr", new string('t', 4000));
        withXattr.ExtendedAttributes.Set("trusted.link", "x");
        tree.AddHardLink("/links/hardlinked-symlink", "/links/len-0100");
        return tree;
    }

    /// <summary>Files backed by host files: <paramref name="sizes"/> bytes each, deterministic content.</summary>
    public static FileTree LargeFiles(string folder, params long[] sizes)
    {
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        for (var i = 0; i < sizes.Length; i++)
        {
            var path = Path.Combine(folder, $"large-{i}.bin");
            using (var stream = File.Create(path))
            {
                var random = new Random(i + 100);
                var buffer = new byte[1 << 20];
                for (long written = 0; written < sizes[i]; written += buffer.Length)
                {
                    random.NextBytes(buffer);
                    stream.Write(buffer, 0, (int)Math.Min(buffer.Length, sizes[i] - written));
                }
            }

            tree.Add($"/large/file-{i}.bin", new RegularFileNode(FileContent.FromFile(path)) { ModificationTime = TreeShapes.Build });
        }

        return tree;
    }
}
