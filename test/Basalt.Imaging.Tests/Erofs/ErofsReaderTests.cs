using System.Buffers.Binary;
using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tests.Tree;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

public sealed class ErofsReaderTests
{
    public static TheoryData<string> Shapes => ["mixed", "many", "deep", "long-names", "symlinks"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReadEntries_ImageFromOurWriter_MatchesTreeAndContent(string shape)
    {
        using var temp = new TempDirectory("erofs-reader");
        var tree = shape switch
        {
            "mixed" => TreeShapes.Mixed(),
            "many" => GeneratedShapes.ManySmallFiles(1500),
            "deep" => GeneratedShapes.Deep(200),
            "long-names" => GeneratedShapes.LongNames(),
            _ => GeneratedShapes.Symlinks(),
        };
        var image = ErofsHarness.Write(tree, temp);
        var bytes = File.ReadAllBytes(image);
        var entries = Read(bytes);

        var expected = tree.EnumerateDepthFirst().ToList();
        Assert.Equal(expected.Select(e => e.Path), entries.Select(e => e.Path));
        for (var i = 0; i < expected.Count; i++)
        {
            var (node, entry) = (expected[i].Node, entries[i]);
            Assert.True(node.FullMode == entry.Mode, $"'{entry.Path}': mode {entry.Mode:X} != {node.FullMode:X}");
            Assert.True(node.Uid == entry.Uid && node.Gid == entry.Gid, $"'{entry.Path}': owner {entry.Uid}:{entry.Gid}");
            AssertContent(bytes, node, entry);
        }

        // Hard links share one inode.
        var byNode = expected.Zip(entries).GroupBy(pair => pair.First.Node, ReferenceEqualityComparer.Instance);
        Assert.All(byNode, group => Assert.Single(group.Select(pair => pair.Second.Nid).Distinct()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadEntries_ImageFromMkfsErofs_MatchesSourceAndFsckExtract(bool noInlineData)
    {
        var mkfs = ExternalTool.Require("mkfs.erofs", "erofs-utils");
        var fsck = ExternalTool.Require("fsck.erofs", "erofs-utils");
        using var temp = new TempDirectory("erofs-reader");
        var source = temp.Path("source");
        HostTrees.Populate(source);
        Directory.CreateDirectory(Path.Combine(source, "shared"));
        for (var i = 0; i < 5; i++)
        {
            var file = Path.Combine(source, "shared", $"f{i}");
            File.WriteAllBytes(file, new byte[i * 3000]);
            ExternalTool.Run("/usr/bin/python3", ["-c", $"import os; os.setxattr('{file}', 'user.common', b'same value for all')"]).EnsureSuccess("setxattr");
        }

        var image = temp.Path("mkfs.erofs");
        string[] options = noInlineData ? ["-E", "noinline_data"] : [];
        ExternalTool.Run(mkfs, [.. options, "-x", "1", "-T0", "--all-root", "--quiet", image, source]).EnsureSuccess("mkfs.erofs");
        var bytes = File.ReadAllBytes(image);
        var entries = Read(bytes);

        var tree = FileTreeLoader.FromDirectory(source, new FileTreeLoaderOptions { AllRoot = true, Timestamp = FileTimestamp.Epoch });
        var expected = tree.EnumerateDepthFirst().ToList();
        Assert.Equal(expected.Select(e => e.Path), entries.Select(e => e.Path));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Node.FullMode == entries[i].Mode, $"'{entries[i].Path}': mode {entries[i].Mode:X}");
            Assert.True(entries[i].Uid == 0 && entries[i].Gid == 0, $"'{entries[i].Path}': owner {entries[i].Uid}:{entries[i].Gid}");
            AssertContent(bytes, expected[i].Node, entries[i]);
        }

        Assert.Contains(entries, e => e.SharedXattrExtents.Count > 0); // -x 1 shares user.common
        // Without noinline_data mkfs.erofs stores file tails after the inode (FLAT_INLINE); with it, never.
        var inlineFiles = entries.Count(e => e.FileType == UnixFileType.RegularFile && e.Extents.Any(x => x.Offset == e.InodeOffset + e.InodeLength));
        Assert.True(noInlineData ? inlineFiles == 0 : inlineFiles > 0, $"{inlineFiles} files with inline tails");
        var metadataEnd = (int)entries.Max(e => e.InodeOffset + e.InodeLength);
        MutationFuzzer.Run(bytes, [(ErofsLayout.SuperblockOffset, metadataEnd - ErofsLayout.SuperblockOffset)], copy => Read(copy), defaultIterations: 300);

        // What fsck.erofs extracts agrees with what the extents hold.
        var extracted = temp.Path("extracted");
        ExternalTool.Run(fsck, ["--extract=" + extracted, image]).EnsureSuccess("fsck.erofs --extract");
        foreach (var entry in entries.Where(e => e.FileType == UnixFileType.RegularFile))
        {
            Assert.True(File.ReadAllBytes(extracted + entry.Path).AsSpan().SequenceEqual(Concatenate(bytes, entry)), $"'{entry.Path}' differs from fsck.erofs --extract");
        }
    }

    [Fact]
    public void ReadEntries_BadMagic_NamesImageAndOffset()
    {
        using var temp = new TempDirectory("erofs-reader");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        bytes[ErofsLayout.SuperblockOffset] ^= 0xFF;
        var error = Assert.Throws<InvalidDataException>(() => Read(bytes));
        Assert.Equal("EROFS image 'test.erofs': no EROFS magic at offset 1024 (found 0xE0F5E11D).", error.Message);
    }

    [Fact]
    public void ReadEntries_Truncated_NamesNidAndOffset()
    {
        using var temp = new TempDirectory("erofs-reader");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        var entries = Read(bytes);
        var big = entries.Single(e => e.Path == "/usr/lib/big.bin");
        var error = Assert.Throws<InvalidDataException>(() => Read(bytes[..(int)(big.Extents[0].Offset + big.Extents[0].Length - 1)]));
        Assert.Contains($"data blocks of inode nid {big.Nid} ('/usr/lib/big.bin') at offset {big.Extents[0].Offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains("lies outside the image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEntries_DirentPointingAtRoot_RejectsCycle()
    {
        using var temp = new TempDirectory("erofs-reader");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        var entries = Read(bytes);
        var root = entries[0];
        var etc = entries.Single(e => e.Path == "/etc");
        var block = bytes.AsSpan((int)root.Extents[0].Offset, (int)root.Extents[0].Length);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(block[8..]) / ErofsLayout.DirentSize;
        var patched = 0;
        for (var i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 12)..]) == etc.Nid)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(block[(i * 12)..], root.Nid);
                patched++;
            }
        }

        Assert.Equal(1, patched);
        var error = Assert.Throws<InvalidDataException>(() => Read(bytes));
        Assert.Equal($"EROFS image 'test.erofs': directory nid {root.Nid} at '/etc' was reached before (a cycle or a hard-linked directory).", error.Message);
    }

    [Theory]
    [InlineData(ErofsReader.MaxDepth - 1, true)]
    [InlineData(ErofsReader.MaxDepth, false)]
    public void ReadEntries_DirectoryDepth_AcceptedUpToMaxDepth(int depth, bool accepted)
    {
        using var temp = new TempDirectory("erofs-reader");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(GeneratedShapes.Deep(depth), temp));
        if (accepted)
        {
            Assert.Equal((2 * depth) + 1, Read(bytes).Count);
        }
        else
        {
            var error = Assert.Throws<InvalidDataException>(() => Read(bytes));
            Assert.Matches($@"^EROFS image 'test\.erofs': directory '(/level\d+){{{depth}}}' \(nid \d+\) is nested deeper than {ErofsReader.MaxDepth} levels\.$", error.Message);
        }
    }

    [Fact]
    public void ReadEntries_MutatedImages_OnlyInvalidDataException()
    {
        using var temp = new TempDirectory("erofs-reader");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        var entries = Read(bytes);
        var metadataEnd = (int)entries.Max(e => e.InodeOffset + e.InodeLength);
        var directoryData = entries.Where(e => e.FileType == UnixFileType.Directory).SelectMany(e => e.Extents)
            .Select(x => ((int)x.Offset, (int)x.Length)).ToList();
        MutationFuzzer.Run(bytes, [(ErofsLayout.SuperblockOffset, ErofsLayout.SuperblockSize), (ErofsLayout.SuperblockOffset, metadataEnd - ErofsLayout.SuperblockOffset), .. directoryData],
            copy => ErofsExtentMap.Build(Read(copy), copy.Length).Describe(copy.Length / 2), defaultIterations: 1000);
    }

    internal static IReadOnlyList<ErofsEntry> Read(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        return ErofsReader.ReadEntries(stream, "test.erofs");
    }

    internal static byte[] Concatenate(byte[] image, ErofsEntry entry) =>
        entry.Extents.SelectMany(x => image.AsSpan((int)x.Offset, (int)x.Length).ToArray()).ToArray();

    private static void AssertContent(byte[] image, FileNode node, ErofsEntry entry)
    {
        switch (node)
        {
            case RegularFileNode file:
                Assert.Equal(file.Length, entry.Size);
                using (var content = file.Content.OpenRead())
                using (var copy = new MemoryStream())
                {
                    content.CopyTo(copy);
                    Assert.True(copy.ToArray().AsSpan().SequenceEqual(Concatenate(image, entry)), $"'{entry.Path}': extents do not hold the content");
                }

                break;
            case SymbolicLinkNode link:
                Assert.Equal(link.Target, System.Text.Encoding.UTF8.GetString(Concatenate(image, entry)));
                break;
            case DirectoryNode:
                Assert.Equal(entry.Size, entry.Extents.Sum(x => x.Length));
                break;
            default:
                Assert.Empty(entry.Extents);
                break;
        }
    }
}
