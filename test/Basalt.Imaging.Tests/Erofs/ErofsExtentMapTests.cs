using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

public sealed class ErofsExtentMapTests
{
    [Fact]
    public void Describe_OffsetsInEachKindOfRegion_NamesTheOwner()
    {
        using var temp = new TempDirectory("erofs-map");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        var entries = ErofsReaderTests.Read(bytes);
        var map = ErofsExtentMap.Build(entries, bytes.Length);
        var big = entries.Single(e => e.Path == "/usr/lib/big.bin");
        var ping = entries.Single(e => e.Path == "/usr/bin/ping");
        var usrLib = entries.Single(e => e.Path == "/usr/lib");
        var ls = entries.Single(e => e.Path == "/usr/bin/dir"); // the first path of the ls/dir/vdir inode

        Assert.Equal("superblock", map.Describe(1024));
        Assert.Equal("superblock", map.Describe(1151));
        Assert.Equal("unused", map.Describe(0));
        Assert.Equal("file /usr/lib/big.bin (data, byte 0 of the file)", map.Describe(big.Extents[0].Offset));
        Assert.Equal("file /usr/lib/big.bin (data, byte 1234 of the file)", map.Describe(big.Extents[0].Offset + 1234));
        Assert.Equal("file /usr/lib/big.bin (data, byte 12289 of the file)", map.Describe(big.Extents[1].Offset + 1)); // inline tail
        Assert.Equal("inode of /usr/lib/big.bin", map.Describe(big.InodeOffset + 5));
        Assert.Equal("inode of /usr/bin/ping", map.Describe(ping.InodeOffset));
        Assert.Equal("inline xattrs of /usr/bin/ping", map.Describe(ping.InodeOffset + ping.InodeLength - 1));
        Assert.Equal("file /usr/bin/ping (data, byte 2 of the file)", map.Describe(ping.Extents[0].Offset + 2));
        Assert.Equal("directory /usr/lib (entries)", map.Describe(usrLib.Extents[^1].Offset + 3));
        Assert.Equal("inode of /usr/bin/dir", map.Describe(entries.Single(e => e.Path == "/usr/sbin/vdir").InodeOffset));
        Assert.Equal("symlink /bin (target)", map.Describe(entries.Single(e => e.Path == "/bin").Extents[0].Offset));
        Assert.Equal($"beyond the end of the image ({bytes.Length} bytes)", map.Describe(bytes.Length));
        Assert.Equal("inode of /usr/bin/dir", map.Describe(ls.InodeOffset + ls.InodeLength - 1 - ls.XattrLength));
    }

    [Fact]
    public void Describe_EveryByteOfEveryFile_MapsBackToThatFileAndOffset()
    {
        using var temp = new TempDirectory("erofs-map");
        var bytes = File.ReadAllBytes(ErofsHarness.Write(GeneratedShapes.ManySmallFiles(300), temp));
        var entries = ErofsReaderTests.Read(bytes);
        var map = ErofsExtentMap.Build(entries, bytes.Length);
        foreach (var entry in entries.Where(e => e.FileType == UnixFileType.RegularFile))
        {
            long logical = 0;
            foreach (var (offset, length) in entry.Extents)
            {
                foreach (var at in new[] { 0, length / 2, length - 1 })
                {
                    Assert.Equal($"file {entry.Path} (data, byte {logical + at} of the file)", map.Describe(offset + at));
                }

                logical += length;
            }

            Assert.Equal($"inode of {entry.Path}", map.Describe(entry.InodeOffset));
        }
    }

    [Fact]
    public void Describe_FirstDifferenceAfterFlippingAFileByte_NamesThatFile()
    {
        using var temp = new TempDirectory("erofs-map");
        var original = File.ReadAllBytes(ErofsHarness.Write(TreeShapes.Mixed(), temp));
        var entries = ErofsReaderTests.Read(original);
        var map = ErofsExtentMap.Build(entries, original.Length);
        foreach (var (path, fileByte) in new[] { ("/usr/lib/exact.bin", 5000L), ("/usr/lib/big.bin", 12290L), ("/etc/hostname", 3L) })
        {
            var entry = entries.Single(e => e.Path == path);
            var copy = (byte[])original.Clone();
            long logical = 0;
            foreach (var (offset, length) in entry.Extents)
            {
                if (fileByte < logical + length)
                {
                    copy[offset + fileByte - logical] ^= 0x40;
                    break;
                }

                logical += length;
            }

            var first = original.AsSpan().CommonPrefixLength(copy);
            Assert.Equal($"file {path} (data, byte {fileByte} of the file)", map.Describe(first));
        }
    }

    [Fact]
    public void Describe_ImageFromMkfsErofs_SharedXattrAndInodesNamed()
    {
        var mkfs = ExternalTool.Require("mkfs.erofs", "erofs-utils");
        using var temp = new TempDirectory("erofs-map");
        var source = temp.Path("source");
        Directory.CreateDirectory(Path.Combine(source, "d"));
        for (var i = 0; i < 3; i++)
        {
            var file = Path.Combine(source, "d", $"f{i}");
            File.WriteAllBytes(file, new byte[5000 + i]);
            ExternalTool.Run("/usr/bin/python3", ["-c", $"import os; os.setxattr('{file}', 'user.common', b'shared')"]).EnsureSuccess("setxattr");
        }

        var image = temp.Path("mkfs.erofs");
        ExternalTool.Run(mkfs, ["-x", "1", "-T0", "--all-root", "--quiet", image, source]).EnsureSuccess("mkfs.erofs");
        var bytes = File.ReadAllBytes(image);
        var entries = ErofsReaderTests.Read(bytes);
        var map = ErofsExtentMap.Build(entries, bytes.Length);
        var f0 = entries.Single(e => e.Path == "/d/f0");
        Assert.Equal("shared xattr of /d/f0", map.Describe(Assert.Single(f0.SharedXattrExtents).Offset));
        Assert.Equal("inode of /d/f0", map.Describe(f0.InodeOffset));
        Assert.Equal("file /d/f2 (data, byte 5001 of the file)", map.Describe(entries.Single(e => e.Path == "/d/f2").Extents[^1] is var x ? x.Offset + x.Length - 1 : 0));
        Assert.Equal("directory /d (entries)", map.Describe(entries.Single(e => e.Path == "/d").Extents[0].Offset));
    }
}
