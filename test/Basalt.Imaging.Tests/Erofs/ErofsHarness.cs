using System.Security.Cryptography;
using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

/// <summary>Writes images and checks them with erofs-utils and a kernel loop mount.</summary>
internal static class ErofsHarness
{
    public static readonly ErofsWriterOptions Options = new()
    {
        BuildTime = new FileTimestamp(1_700_000_000),
        Uuid = Guid.Parse("6f1d2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"),
    };

    public static string Write(FileTree tree, TempDirectory temp, string name = "image.erofs", ErofsWriterOptions? options = null)
    {
        var path = temp.Path(name);
        ErofsWriter.WriteFileAsync(tree, path, options ?? Options, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return path;
    }

    /// <summary>Runs fsck.erofs and fails with its output unless it is clean.</summary>
    public static void AssertFsckClean(string image)
    {
        var fsck = ExternalTool.Require("fsck.erofs", "erofs-utils");
        var result = ExternalTool.Run(fsck, [image]);
        Assert.True(result.ExitCode == 0, $"fsck.erofs failed ({result.ExitCode}): {result.StandardOutput}{result.StandardError}");
    }

    /// <summary>Loop-mounts the image read-only (needs root; skipped otherwise unless CI), runs <paramref name="check"/>, unmounts.</summary>
    public static void WithMount(string image, Action<string> check)
    {
        ExternalTool.Require("mount", "mount");
        if (Environment.UserName != "root")
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("Loop-mounting EROFS needs root; CI runs as root.");
            }

            Assert.Skip("Loop-mounting EROFS needs root.");
        }

        var mountPoint = image + ".mnt";
        Directory.CreateDirectory(mountPoint);
        ExternalTool.Run("mount", ["-o", "loop,ro", "-t", "erofs", image, mountPoint]).EnsureSuccess("mount");
        try
        {
            check(mountPoint);
        }
        finally
        {
            ExternalTool.Run("umount", [mountPoint]).EnsureSuccess("umount");
            Directory.Delete(mountPoint);
        }
    }

    /// <summary>Asserts that the mounted filesystem shows exactly <paramref name="expected"/>.</summary>
    public static void AssertMountMatches(FileTree expected, string mountPoint)
    {
        var inodeOf = new Dictionary<FileNode, ulong>(ReferenceEqualityComparer.Instance);
        foreach (var entry in expected.EnumerateDepthFirst())
        {
            var host = entry.Path == "/" ? mountPoint : mountPoint + entry.Path;
            var node = entry.Node;
            var stat = HostFileSystem.Stat(host);
            var where = $"'{entry.Path}'";
            Assert.True(node.FullMode == stat.Mode, $"{where}: mode {Convert.ToString(stat.Mode, 8)} != {Convert.ToString(node.FullMode, 8)}");
            Assert.True(node.Uid == stat.Uid && node.Gid == stat.Gid, $"{where}: owner {stat.Uid}:{stat.Gid} != {node.Uid}:{node.Gid}");
            Assert.True(node.LinkCount == (int)stat.LinkCount, $"{where}: nlink {stat.LinkCount} != {node.LinkCount}");
            Assert.True(node.ModificationTime == new FileTimestamp(stat.MtimeSeconds, stat.MtimeNanoseconds),
                $"{where}: mtime {stat.MtimeSeconds}.{stat.MtimeNanoseconds} != {node.ModificationTime}");
            if (inodeOf.TryGetValue(node, out var ino))
            {
                Assert.True(ino == stat.Inode, $"{where}: hard link has inode {stat.Inode}, expected {ino}");
            }

            inodeOf[node] = stat.Inode;
            var xattrs = HostFileSystem.ReadExtendedAttributes(host).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
            var expectedXattrs = node.ExtendedAttributes.OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(expectedXattrs.Select(x => x.Key), xattrs.Select(x => x.Key));
            for (var i = 0; i < xattrs.Count; i++)
            {
                Assert.True(expectedXattrs[i].Value.AsSpan().SequenceEqual(xattrs[i].Value), $"{where}: xattr '{xattrs[i].Key}' differs");
            }

            switch (node)
            {
                case DirectoryNode directory:
                    var names = Directory.GetFileSystemEntries(host).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
                    Assert.Equal(directory.Children.Select(c => c.Key).Order(StringComparer.Ordinal), names);
                    break;
                case RegularFileNode file:
                    Assert.True((ulong)file.Length == stat.Size, $"{where}: size {stat.Size} != {file.Length}");
                    using (var content = file.Content.OpenRead())
                    using (var actual = File.OpenRead(host))
                    {
                        Assert.True(SHA256.HashData(content).AsSpan().SequenceEqual(SHA256.HashData(actual)), $"{where}: content differs");
                    }

                    break;
                case SymbolicLinkNode link:
                    Assert.Equal(link.Target, new FileInfo(host).LinkTarget);
                    break;
                case DeviceNode device:
                    Assert.True(device.Major == stat.RdevMajor && device.Minor == stat.RdevMinor, $"{where}: device {stat.RdevMajor}:{stat.RdevMinor}");
                    break;
            }
        }
    }

    /// <summary>Write → fsck → mount → compare: the full round trip every shape goes through.</summary>
    public static string RoundTrip(FileTree tree, TempDirectory temp)
    {
        var image = Write(tree, temp);
        AssertFsckClean(image);
        WithMount(image, mountPoint => AssertMountMatches(tree, mountPoint));
        return image;
    }
}
