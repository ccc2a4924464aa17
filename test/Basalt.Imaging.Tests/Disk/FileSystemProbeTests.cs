using Basalt.Imaging.Disk;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Disk;

public sealed class FileSystemProbeTests
{
    private static FileSystemSignature? ProbeFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var view = new RawDiskView(stream, stream.Length, leaveOpen: true);
        return FileSystemProbe.Probe(view, 0, view.Size);
    }

    private static string Source(TempDirectory temp)
    {
        var source = temp.Path("src");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "file"), "content\n");
        return source;
    }

    [Fact]
    public void Probe_ErofsFromMkfsErofs_ReportsUuidAndLabel()
    {
        var mkfs = ExternalTool.Require("mkfs.erofs", "erofs-utils");
        using var temp = new TempDirectory();
        var image = temp.Path("fs.erofs");
        ExternalTool.Run(mkfs, ["-T0", "-U", "0a0b0c0d-1111-2222-3333-444455556666", image, Source(temp)]).EnsureSuccess("mkfs.erofs");
        Assert.Equal(new FileSystemSignature("erofs", null, "0a0b0c0d-1111-2222-3333-444455556666", "block size 4096"), ProbeFile(image));
    }

    [Fact]
    public void Probe_Ext4FromMkfsExt4_ReportsUuidAndLabel()
    {
        var mkfs = ExternalTool.Require("mkfs.ext4", "e2fsprogs");
        using var temp = new TempDirectory();
        var image = temp.Path("fs.ext4");
        ExternalTool.Run(mkfs, ["-q", "-F", "-L", "var", "-U", "12345678-1234-1234-1234-123456789abc", image, "8M"]).EnsureSuccess("mkfs.ext4");
        Assert.Equal(new FileSystemSignature("ext4", "var", "12345678-1234-1234-1234-123456789abc"), ProbeFile(image));
    }

    [Fact]
    public void Probe_SquashfsFromMksquashfs_RecognisesMagic()
    {
        var mksquashfs = ExternalTool.Require("mksquashfs", "squashfs-tools");
        using var temp = new TempDirectory();
        var image = temp.Path("fs.squashfs");
        ExternalTool.Run(mksquashfs, [Source(temp), image, "-quiet", "-no-progress"]).EnsureSuccess("mksquashfs");
        Assert.Equal("squashfs", ProbeFile(image)?.Type);
    }

    [Fact]
    public void Probe_VerityFromVeritysetup_ReportsUuidAndBlocks()
    {
        var veritysetup = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        using var temp = new TempDirectory();
        var data = temp.Path("data");
        File.WriteAllBytes(data, new byte[1024 * 1024]);
        var hash = temp.Path("hash");
        ExternalTool.Run(veritysetup, ["format", "--salt", "00", "--uuid", "66666666-7777-8888-9999-000000000000", data, hash]).EnsureSuccess("veritysetup");
        Assert.Equal(new FileSystemSignature("verity", null, "66666666-7777-8888-9999-000000000000", "sha256, 256 data blocks of 4096"), ProbeFile(hash));
    }

    [Fact]
    public void Probe_Fat16FromMkfsFat_ReportsType()
    {
        var mkfs = ExternalTool.Require("mkfs.fat", "dosfstools");
        using var temp = new TempDirectory();
        var image = temp.Path("fs.fat");
        ExternalTool.Run(mkfs, ["-F", "16", "-C", "-n", "SMALL", "-i", "0badf00d", image, "32768"]).EnsureSuccess("mkfs.fat");
        Assert.Equal(new FileSystemSignature("vfat", "SMALL", "0BAD-F00D", "FAT16"), ProbeFile(image));
    }

    [Fact]
    public void Probe_Zeros_ReturnsNull()
    {
        Assert.Null(FileSystemProbe.Probe(new byte[4096]));
    }
}
