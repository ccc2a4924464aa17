using System.Security.Cryptography;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Tests.Tree;

/// <summary>Compares two trees path by path: kind, mode, owner, mtime, link count, xattrs, content, targets, devices, hard-link structure.</summary>
internal static class TreeAssert
{
    public static void Equal(FileTree expected, FileTree actual, bool compareTimes = true)
    {
        var expectedEntries = expected.EnumerateDepthFirst().ToList();
        var actualEntries = actual.EnumerateDepthFirst().ToList();
        Assert.Equal(expectedEntries.Select(e => e.Path), actualEntries.Select(e => e.Path));
        var pairs = new Dictionary<FileNode, FileNode>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < expectedEntries.Count; i++)
        {
            var path = expectedEntries[i].Path;
            var e = expectedEntries[i].Node;
            var a = actualEntries[i].Node;
            Assert.True(e.FullMode == a.FullMode, $"'{path}': mode {Convert.ToString(a.FullMode, 8)} != {Convert.ToString(e.FullMode, 8)}");
            Assert.True(e.Uid == a.Uid && e.Gid == a.Gid, $"'{path}': owner {a.Uid}:{a.Gid} != {e.Uid}:{e.Gid}");
            Assert.True(e.LinkCount == a.LinkCount, $"'{path}': nlink {a.LinkCount} != {e.LinkCount}");
            if (compareTimes)
            {
                Assert.True(e.ModificationTime == a.ModificationTime, $"'{path}': mtime {a.ModificationTime} != {e.ModificationTime}");
            }

            // Hard links: the same expected node must map to the same actual node everywhere.
            if (pairs.TryGetValue(e, out var seen))
            {
                Assert.True(ReferenceEquals(seen, a), $"'{path}': hard link structure differs");
            }

            pairs[e] = a;
            Assert.Equal(e.ExtendedAttributes.Select(x => x.Key), a.ExtendedAttributes.Select(x => x.Key));
            foreach (var (name, value) in e.ExtendedAttributes)
            {
                a.ExtendedAttributes.TryGetValue(name, out var other);
                Assert.True(value.AsSpan().SequenceEqual(other), $"'{path}': xattr '{name}' differs");
            }

            switch (e)
            {
                case RegularFileNode file:
                    var actualFile = Assert.IsType<RegularFileNode>(a);
                    Assert.True(file.Length == actualFile.Length, $"'{path}': size {actualFile.Length} != {file.Length}");
                    Assert.True(Hash(file).SequenceEqual(Hash(actualFile)), $"'{path}': content differs");
                    break;
                case SymbolicLinkNode link:
                    Assert.Equal(link.Target, Assert.IsType<SymbolicLinkNode>(a).Target);
                    break;
                case DeviceNode device:
                    var actualDevice = Assert.IsType<DeviceNode>(a);
                    Assert.True(device.Kind == actualDevice.Kind && device.Major == actualDevice.Major && device.Minor == actualDevice.Minor, $"'{path}': device differs");
                    break;
                default:
                    Assert.Equal(e.Kind, a.Kind);
                    break;
            }
        }
    }

    private static byte[] Hash(RegularFileNode file)
    {
        using var stream = file.Content.OpenRead();
        return SHA256.HashData(stream);
    }
}
