using System.Text;
using System.Text.Json;
using Basalt.Compose.Outputs;
using Basalt.Compose.Tests.Layout;
using Basalt.Imaging.Cosi;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Outputs;

/// <summary>The written image checked by the reference tools: sgdisk, sfdisk, fsck.erofs, veritysetup, fsck.fat, mtools, qemu-img, umoci.</summary>
public sealed class ImageWriterToolTests(BuiltImage image) : IClassFixture<BuiltImage>
{
    private string RootHash => image.Result.KernelCommandLine.Split(' ').Single(a => a.StartsWith("usrhash=", StringComparison.Ordinal))["usrhash=".Length..];

    [Fact]
    public void WriteAsync_AllFormats_WritesExactlyTheArtefactsAsked()
    {
        Assert.Equal(["cosi", "oci", "qcow2", "raw", "vhd"], image.Result.Artifacts.Select(a => a.Format).Order().ToArray());
        Assert.Equal(
            ["testos-1.2.3.cosi", "testos-1.2.3.oci", "testos-1.2.3.qcow2", "testos-1.2.3.raw", "testos-1.2.3.vhd"],
            Directory.EnumerateFileSystemEntries(image.OutputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (var artifact in image.Result.Artifacts.Where(a => a.Format != "oci"))
        {
            Assert.Equal(new FileInfo(artifact.Path).Length, artifact.Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(artifact.Path))), artifact.Sha256);
        }

        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(image.Scratch()), p => Path.GetFileName(p).StartsWith(".basalt", StringComparison.Ordinal));
        Assert.Contains("Writing the usr file system (EROFS)", image.Progress);
    }

    [Fact]
    public void WriteAsync_KernelCommandLine_IsUsrVerityThenDefinitionArguments()
    {
        Assert.Matches("^usrhash=[0-9a-f]{64} mount.usr=/dev/mapper/usr mount.usrfstype=erofs mount.usrflags=ro console=ttyS0,115200 quiet$", image.Result.KernelCommandLine);
        Assert.Equal(image.Result.UsrRootHash, RootHash);
    }

    [Fact]
    public void Raw_Gpt_PassesSgdiskVerify()
    {
        ExternalTool.Require("sgdisk", "gdisk");
        var result = ExternalTool.Run("sgdisk", ["-v", image.Path("raw")]).EnsureSuccess("sgdisk -v");

        Assert.Contains("No problems found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_Partitions_HaveDesignedTypesLabelsUuidsAndAttributes()
    {
        ExternalTool.Require("sfdisk", "fdisk");
        var json = ExternalTool.Run("sfdisk", ["--json", image.Path("raw")]).EnsureSuccess("sfdisk --json").StandardOutput;
        using var document = JsonDocument.Parse(json);
        var table = document.RootElement.GetProperty("partitiontable");
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        var hash = Convert.FromHexString(RootHash);
        var usrUuid = new Guid(hash.AsSpan(0, 16), bigEndian: true);
        var verityUuid = new Guid(hash.AsSpan(16, 16), bigEndian: true);

        Assert.Equal(image.Result.DiskGuid.ToString("D").ToUpperInvariant(), table.GetProperty("id").GetString());
        string[] names = ["esp", "usr-x86-64", "usr-x86-64-verity", "_empty", "_empty"];
        string[] types = ["C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "8484680C-9521-48C6-9C11-B0720656F69E", "77FF5F63-E7B6-4633-ACF4-1565B864C0E6", "8484680C-9521-48C6-9C11-B0720656F69E", "77FF5F63-E7B6-4633-ACF4-1565B864C0E6"];
        Assert.Equal(names, partitions.Select(p => p.GetProperty("name").GetString()).ToArray());
        Assert.Equal(types, partitions.Select(p => p.GetProperty("type").GetString()).ToArray());
        Assert.Equal(usrUuid.ToString("D").ToUpperInvariant(), partitions[1].GetProperty("uuid").GetString());
        Assert.Equal(verityUuid.ToString("D").ToUpperInvariant(), partitions[2].GetProperty("uuid").GetString());
        Assert.Equal("GUID:60", partitions[1].GetProperty("attrs").GetString());
        Assert.Equal("GUID:63", partitions[3].GetProperty("attrs").GetString());
        Assert.Equal(5, partitions.Select(p => p.GetProperty("uuid").GetString()).Distinct().Count());

        // 1 MiB aligned, in order, and the disk's tail (root, created by systemd-repart) left free.
        Assert.Equal(2048, partitions[0].GetProperty("start").GetInt64());
        Assert.Equal(40 * 2048, partitions[0].GetProperty("size").GetInt64());
        Assert.Equal(24 * 2048, partitions[1].GetProperty("size").GetInt64());
        var end = partitions[4].GetProperty("start").GetInt64() + partitions[4].GetProperty("size").GetInt64();
        Assert.Equal(LayoutFixture.Definition().Disk.TotalBytes, new FileInfo(image.Path("raw")).Length);
        Assert.Equal(16 * 2048 + 2048, (new FileInfo(image.Path("raw")).Length / 512) - end);
        Assert.Equal(image.Result.Partitions.Select(p => p.PartitionUuid.ToString("D").ToUpperInvariant()), partitions.Select(p => p.GetProperty("uuid").GetString()));
    }

    [Fact]
    public void UsrA_Erofs_PassesFsckAndHoldsFactoryEtc()
    {
        ExternalTool.Require("fsck.erofs", "erofs-utils");
        var usr = image.ExtractPartition("usr-x86-64", "usr-a.img");
        var extracted = image.Scratch("usr-extract");

        ExternalTool.Run("fsck.erofs", [usr]).EnsureSuccess("fsck.erofs");
        ExternalTool.Run("fsck.erofs", [$"--extract={extracted}", usr]).EnsureSuccess("fsck.erofs --extract");

        Assert.Equal("node1\n", File.ReadAllText(Path.Combine(extracted, "share/factory/etc/hostname")));
        Assert.Equal("PermitRootLogin no\n", File.ReadAllText(Path.Combine(extracted, "share/factory/etc/ssh/sshd_config")));
        Assert.Equal(LayoutFixture.Pattern(300_000, 7), File.ReadAllBytes(Path.Combine(extracted, "bin/bash")));
        Assert.Contains("C+! /etc - - - - /usr/share/factory/etc", File.ReadAllText(Path.Combine(extracted, "lib/tmpfiles.d/basalt-factory.conf")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(extracted, "etc")));
    }

    [Fact]
    public void UsrA_DumpErofs_ShowsOwnersHardLinksAndClampedTimes()
    {
        ExternalTool.Require("dump.erofs", "erofs-utils");
        var usr = image.ExtractPartition("usr-x86-64", "usr-dump.img");
        string Dump(string path) => ExternalTool.Run("dump.erofs", [$"--path={path}", usr]).EnsureSuccess("dump.erofs").StandardOutput;

        var key = Dump("/share/factory/home/core/.ssh/authorized_keys");
        var hello = Dump("/bin/hello");
        var future = Dump("/share/doc/new.txt");

        Assert.Contains("Uid: 1000   Gid: 1000  Access: 0600/rw-------", key, StringComparison.Ordinal);
        Assert.Contains("Links: 2", hello, StringComparison.Ordinal);
        Assert.Contains("Access: 0755/rwxr-xr-x", hello, StringComparison.Ordinal);
        Assert.Contains("Timestamp: 2023-11-14 22:13:20", future, StringComparison.Ordinal); // SOURCE_DATE_EPOCH 1700000000, not later
    }

    [Fact]
    public void UsrA_Verity_VerifiesWithCommandLineAndCosiRootHash()
    {
        ExternalTool.Require("veritysetup", "cryptsetup-bin");
        var data = image.ExtractPartition("usr-x86-64", "verity-data.img");
        var hash = image.ExtractPartition("usr-x86-64-verity", "verity-hash.img");
        using var cosiStream = File.OpenRead(image.Path("cosi"));
        var cosi = CosiReader.Read(cosiStream, "image.cosi", TestContext.Current.CancellationToken);
        var cosiHash = cosi.Metadata.Images.Single(i => i.MountPoint == "/usr").Verity!.RootHash;

        Assert.Equal(RootHash, cosiHash);
        ExternalTool.Run("veritysetup", ["verify", data, hash, RootHash]).EnsureSuccess("veritysetup verify");
        var wrong = RootHash[..^1] + (RootHash[^1] == '0' ? '1' : '0');
        Assert.NotEqual(0, ExternalTool.Run("veritysetup", ["verify", data, hash, wrong]).ExitCode);
    }

    [Fact]
    public void Esp_Fat_PassesFsckAndHoldsEntryWithFullCommandLine()
    {
        ExternalTool.Require("fsck.fat", "dosfstools");
        ExternalTool.Require("mtype", "mtools");
        var esp = image.ExtractPartition("esp", "esp.img");

        ExternalTool.Run("fsck.fat", ["-n", esp]).EnsureSuccess("fsck.fat -n");
        var entry = ExternalTool.Run("mtype", ["-i", esp, $"::/loader/entries/testos-{LayoutFixture.KernelVersion}.conf"]).EnsureSuccess("mtype").StandardOutput;
        var kernel = ExternalTool.Run("mtype", ["-i", esp, $"::/testos/{LayoutFixture.KernelVersion}/linux"]).EnsureSuccess("mtype").StandardOutputBytes;

        Assert.Contains($"\noptions {image.Result.KernelCommandLine}\n", entry, StringComparison.Ordinal);
        Assert.Equal(LayoutFixture.Pattern(70_000, 11), kernel);
    }

    [Theory]
    [InlineData("vhd", "vpc")]
    [InlineData("qcow2", "qcow2")]
    public void Derived_Image_EqualsRawForQemuImg(string extension, string format)
    {
        ExternalTool.Require("qemu-img", "qemu-utils");
        if (format == "qcow2")
        {
            ExternalTool.Run("qemu-img", ["check", "-f", format, image.Path(extension)]).EnsureSuccess("qemu-img check");
        }

        var result = ExternalTool.Run("qemu-img", ["compare", "-f", "raw", "-F", format, image.Path("raw"), image.Path(extension)]).EnsureSuccess("qemu-img compare");

        Assert.Contains("Images are identical", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosi_Regions_EqualRawDiskBytesAndMetadataDescribesImage()
    {
        using var stream = File.OpenRead(image.Path("cosi"));
        var cosi = CosiReader.Read(stream, "image.cosi", TestContext.Current.CancellationToken);
        var metadata = cosi.Metadata;

        Assert.Equal(new FileInfo(image.Path("raw")).Length, metadata.Disk.Size);
        Assert.Equal("x86_64", metadata.OsArch);
        Assert.Equal(Encoding.UTF8.GetString(((Basalt.Imaging.Tree.RegularFileNode)image.Trees.Usr.Get("/lib/os-release")).Content.ReadAllBytes()), metadata.OsRelease);
        Assert.Equal(BuiltImage.Packages, metadata.Packages);
        Assert.Equal(["/boot/efi", "/usr"], metadata.Images.Select(i => i.MountPoint).ToArray());
        Assert.Equal(["vfat", "erofs"], metadata.Images.Select(i => i.FsType).ToArray());
        Assert.Equal(CosiBootloader.SystemdBoot, metadata.Bootloader.Type);
        var entry = Assert.Single(metadata.Bootloader.SystemdBootEntries!);
        Assert.Equal(("config", $"/boot/efi/loader/entries/testos-{LayoutFixture.KernelVersion}.conf", image.Result.KernelCommandLine, LayoutFixture.KernelVersion),
            (entry.Type, entry.Path, entry.Cmdline, entry.Kernel));

        using var raw = File.OpenRead(image.Path("raw"));
        Assert.Equal([null, 1, 2, 3], metadata.Disk.GptRegions.Select(r => r.Number).ToArray());
        foreach (var region in metadata.Disk.GptRegions)
        {
            var offset = region.Number is { } number ? cosi.Gpt.Partitions.Single(p => p.Number == number).OffsetBytes : 0;
            var expected = new byte[region.Image.UncompressedSize];
            raw.Position = offset;
            raw.ReadExactly(expected);
            using var content = cosi.OpenImage(region.Image);
            var actual = new byte[region.Image.UncompressedSize];
            content.ReadExactly(actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"region {region.Image.Path} differs from the raw disk");
        }
    }

    [Fact]
    public void Oci_UmociUnpack_EqualsRootTree()
    {
        ExternalTool.Require("umoci", "umoci");
        var bundle = image.Scratch("bundle");
        ExternalTool.Run("umoci", ["unpack", "--rootless", "--image", $"{image.Path("oci")}:1.2.3", bundle]).EnsureSuccess("umoci unpack");
        var rootfs = Path.Combine(bundle, "rootfs");

        var expected = image.Trees.Root.EnumerateDepthFirst().Skip(1).Select(e => e.Path).Order(StringComparer.Ordinal).ToList();
        var actual = Walk(rootfs).Select(p => "/" + Path.GetRelativePath(rootfs, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        foreach (var entry in image.Trees.Root.EnumerateDepthFirst())
        {
            var path = rootfs + entry.Path;
            switch (entry.Node)
            {
                case Basalt.Imaging.Tree.RegularFileNode file:
                    Assert.Equal(file.Content.ReadAllBytes(), File.ReadAllBytes(path));
                    if (OperatingSystem.IsLinux())
                    {
                        Assert.Equal(file.Mode, (int)File.GetUnixFileMode(path));
                    }

                    break;
                case Basalt.Imaging.Tree.SymbolicLinkNode link:
                    Assert.Equal(link.Target, new FileInfo(path).LinkTarget);
                    break;
            }
        }
    }

    /// <summary>Every path below <paramref name="directory"/>, not following symbolic links.</summary>
    private static IEnumerable<string> Walk(string directory)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return path;
            if (new FileInfo(path).LinkTarget is null && Directory.Exists(path))
            {
                foreach (var child in Walk(path))
                {
                    yield return child;
                }
            }
        }
    }
}
