using System.Globalization;
using System.Text.RegularExpressions;
using Basalt.Imaging.Tests.Tree;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

/// <summary>Our images read by dump.erofs, and compared with what mkfs.erofs makes of the same directory.</summary>
public sealed partial class ErofsReferenceToolTests
{
    [Fact]
    public void DumpErofs_MixedTree_AgreesOnEveryInode()
    {
        var dump = ExternalTool.Require("dump.erofs", "erofs-utils");
        using var temp = new TempDirectory("erofs");
        var tree = TreeShapes.Mixed();
        var image = ErofsHarness.Write(tree, temp);

        var superblock = ExternalTool.Run(dump, ["-s", image]).EnsureSuccess("dump.erofs -s").StandardOutput;
        var uniqueNodes = tree.EnumerateDepthFirst().Select(e => e.Node).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Matches($@"inode count:\s+{uniqueNodes}\n", superblock);
        Assert.Matches(@"root nid:\s+36\n", superblock);
        Assert.Contains("6f1d2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", superblock, StringComparison.Ordinal);

        foreach (var entry in tree.EnumerateDepthFirst())
        {
            var output = ExternalTool.Run(dump, ["--path=" + entry.Path, image]).EnsureSuccess($"dump.erofs --path={entry.Path}").StandardOutput;
            var node = entry.Node;
            Assert.True(int.Parse(Field(LinksPattern(), output), CultureInfo.InvariantCulture) == node.LinkCount, $"'{entry.Path}' links: {output}");
            Assert.True(Convert.ToInt32(Field(AccessPattern(), output), 8) == (node.Mode & 0x1FF), // dump.erofs prints the 0777 bits only
                $"'{entry.Path}' access: {output}");
            Assert.True(uint.Parse(Field(UidPattern(), output), CultureInfo.InvariantCulture) == node.Uid, $"'{entry.Path}' uid: {output}");
            Assert.True(uint.Parse(Field(GidPattern(), output), CultureInfo.InvariantCulture) == node.Gid, $"'{entry.Path}' gid: {output}");
            var expectedSize = node switch
            {
                RegularFileNode file => file.Length,
                SymbolicLinkNode link => System.Text.Encoding.UTF8.GetByteCount(link.Target),
                DirectoryNode => -1,
                _ => 0,
            };
            if (expectedSize >= 0)
            {
                Assert.True(long.Parse(Field(SizePattern(), output), CultureInfo.InvariantCulture) == expectedSize, $"'{entry.Path}' size: {output}");
            }
        }
    }

    [Fact]
    public void MkfsErofs_SameHostDirectory_BothImagesMountToTheSameTree()
    {
        var mkfs = ExternalTool.Require("mkfs.erofs", "erofs-utils");
        using var temp = new TempDirectory("erofs");
        var source = temp.Path("source");
        HostTrees.Populate(source);

        var reference = temp.Path("reference.erofs");
        ExternalTool.Run(mkfs, ["-T0", "--all-root", "-U", "6f1d2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "--quiet", reference, source]).EnsureSuccess("mkfs.erofs");
        var tree = FileTreeLoader.FromDirectory(source, new FileTreeLoaderOptions { AllRoot = true, Timestamp = FileTimestamp.Epoch });
        var ours = ErofsHarness.Write(tree, temp, "ours.erofs", new Basalt.Imaging.Erofs.ErofsWriterOptions { Uuid = Guid.Parse("6f1d2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b") });
        ErofsHarness.AssertFsckClean(ours);

        FileTree? fromReference = null;
        ErofsHarness.WithMount(reference, mountPoint => fromReference = Materialize(FileTreeLoader.FromDirectory(mountPoint)));
        ErofsHarness.WithMount(ours, mountPoint =>
        {
            var fromOurs = FileTreeLoader.FromDirectory(mountPoint);
            TreeAssert.Equal(fromReference!, fromOurs);
            TreeAssert.Equal(tree, fromOurs);
        });
    }

    /// <summary>Reads lazily loaded content now, before the mount it comes from goes away.</summary>
    private static FileTree Materialize(FileTree tree)
    {
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            if (entry.Node is RegularFileNode file)
            {
                file.Content = FileContent.FromBytes(file.Content.ReadAllBytes());
            }
        }

        return tree;
    }

    private static string Field(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"'{pattern}' not found in: {output}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Links: (\d+)")]
    private static partial Regex LinksPattern();

    [GeneratedRegex(@"Access: (\d+)/")]
    private static partial Regex AccessPattern();

    [GeneratedRegex(@"Uid: (\d+)")]
    private static partial Regex UidPattern();

    [GeneratedRegex(@"Gid: (\d+)")]
    private static partial Regex GidPattern();

    [GeneratedRegex(@"Size: (\d+)")]
    private static partial Regex SizePattern();
}
