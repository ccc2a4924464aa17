using System.Text.Json;
using Basalt.Imaging.Cosi;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>
/// The sample image, checked with the reference tools that read each format: sgdisk, qemu-img, skopeo and umoci,
/// fsck.erofs, veritysetup and rpm. The fixture builds it twice; the first test asserts the two builds are identical.
/// </summary>
[Collection(SampleImageGroup.Name)]
public sealed class SampleImageTests(SampleImageFixture image)
{
    private const string Prefix = "container-host-2026.11.0";

    [Fact]
    public void Build_TwiceInOtherFolderZoneAndLocale_EveryArtefactIsByteIdentical()
    {
        var first = Files(image.First);
        var second = Files(image.Second);

        Assert.Equal(first, second);
        Assert.Contains($"{Prefix}.raw", first);
        Assert.Contains($"{Prefix}.vhd", first);
        Assert.Contains($"{Prefix}.qcow2", first);
        Assert.Contains($"{Prefix}.cosi", first);
        Assert.Contains("basalt.lock", first);
        Assert.Contains(first, f => f.StartsWith($"{Prefix}.oci/blobs/sha256/", StringComparison.Ordinal));
        foreach (var file in first.Where(f => f != $"{Prefix}.report.json"))
        {
            Assert.True(FilesEqual(Path.Combine(image.First, file), Path.Combine(image.Second, file)), $"{file} differs between the two builds");
        }
    }

    [Fact]
    public void Build_Output_HoldsNoStagingLeftovers()
    {
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(image.First), e => Path.GetFileName(e).StartsWith(".basalt", StringComparison.Ordinal));
        Assert.Contains("Built container-host 2026.11.0", image.SecondRun.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_SgdiskVerify_FindsNoProblems()
    {
        var result = ExternalTool.Run(ExternalTool.Require("sgdisk", "gdisk"), ["-v", image.Artifact(".raw")]).EnsureSuccess("sgdisk -v");

        Assert.Contains("No problems found.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_Partitions_AreEspThenTwoUsrSlotsWithVerity()
    {
        var partitions = DiskPartition.Read(image.Artifact(".raw"));

        Assert.Equal([DiskPartition.Esp, DiskPartition.UsrX64, DiskPartition.UsrVerityX64, DiskPartition.UsrX64, DiskPartition.UsrVerityX64],
            partitions.Select(p => p.Type));
        var rootHash = RootHashFromCommandLine();

        // systemd's convention: the usr partition's UUID is the root hash's first 128 bits, the verity partition's the last.
        Assert.Equal(new Guid(Convert.FromHexString(rootHash[..32]), bigEndian: true).ToString().ToUpperInvariant(), partitions[1].Uuid);
        Assert.Equal(new Guid(Convert.FromHexString(rootHash[32..]), bigEndian: true).ToString().ToUpperInvariant(), partitions[2].Uuid);
    }

    [Theory]
    [InlineData(".vhd", "vpc")]
    [InlineData(".qcow2", "qcow2")]
    public void VirtualDisk_QemuImgCompare_EqualsRaw(string extension, string format)
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");

        if (format == "qcow2")
        {
            // qemu-img checks only formats with metadata of their own to check; a VHD has none.
            ExternalTool.Run(qemuImg, ["check", "-f", format, image.Artifact(extension)]).EnsureSuccess("qemu-img check");
        }

        var result = ExternalTool.Run(qemuImg, ["compare", "-f", "raw", "-F", format, image.Artifact(".raw"), image.Artifact(extension)]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("Images are identical.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Usr_FsckErofsAndVeritysetupVerify_AcceptTheCommandLineRootHash()
    {
        var partitions = DiskPartition.Read(image.Artifact(".raw"));
        var usr = image.Scratch("verify/usr.erofs");
        var hash = image.Scratch("verify/usr.verity");
        partitions[1].CopyTo(image.Artifact(".raw"), usr);
        partitions[2].CopyTo(image.Artifact(".raw"), hash);

        ExternalTool.Run(ExternalTool.Require("fsck.erofs", "erofs-utils"), [usr]).EnsureSuccess("fsck.erofs");
        var verify = ExternalTool.Run(ExternalTool.Require("veritysetup", "cryptsetup-bin"), ["verify", usr, hash, RootHashFromCommandLine()]);

        Assert.True(verify.ExitCode == 0, verify.StandardError);
    }

    [Fact]
    public void Cosi_Metadata_CarriesTheSameRootHashAndRegionsEqualTheRawDisk()
    {
        using var stream = File.OpenRead(image.Artifact(".cosi"));
        var cosi = CosiReader.Read(stream, Path.GetFileName(image.Artifact(".cosi")), TestContext.Current.CancellationToken);

        var usr = Assert.Single(cosi.Metadata.Images, i => i.MountPoint == "/usr");
        Assert.Equal(RootHashFromCommandLine(), usr.Verity?.RootHash);
        using var raw = File.OpenRead(image.Artifact(".raw"));
        foreach (var region in cosi.Metadata.Disk.GptRegions)
        {
            var offset = region.Number is { } number ? cosi.Gpt.Partitions.Single(p => p.Number == number).OffsetBytes : 0;
            using var content = cosi.OpenImage(region.Image);
            var expected = new byte[region.Image.UncompressedSize];
            content.ReadExactly(expected);
            var actual = new byte[expected.Length];
            raw.Position = offset;
            raw.ReadExactly(actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"COSI region {region.Image.Path} differs from the raw disk at offset {offset}");
        }
    }

    [Fact]
    public void UsrFilesystem_RpmDatabase_ListsExactlyTheInstalledPackages()
    {
        var root = ExtractUsr("rpmdb");
        var rpm = ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-qa", "--qf", "%{NEVRA}\n"])
            .EnsureSuccess("rpm -qa");

        var expected = image.Report.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("nevra").GetString()!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, rpm.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Contains("basalt-host-1.3-1.noarch", expected);
    }

    [Fact]
    public void UsrFilesystem_Owners_ComeFromTheImagesOwnAccounts()
    {
        var root = ExtractUsr("owners");
        var factory = Path.Combine(root, "usr", "share", "factory", "etc");
        var group = File.ReadAllLines(Path.Combine(factory, "group")).Select(l => l.Split(':')).ToDictionary(f => f[0], f => f[2]);
        var passwd = File.ReadAllLines(Path.Combine(factory, "passwd")).Select(l => l.Split(':')).ToDictionary(f => f[0], f => f);

        // %config /etc/basalt/update.conf is root:basalt-update 0640; the group comes from basalt-host's sysusers.d file.
        Assert.Equal($"0 {group["basalt-update"]} 640", Stat(Path.Combine(factory, "basalt", "update.conf")));
        Assert.Equal("1000", passwd["core"][2]);
        Assert.Equal("1500", group["containers"]);
        Assert.Equal($"{passwd["core"][2]} 1500 640", Stat(Path.Combine(root, "usr", "share", "factory", "var", "lib", "containers", ".keep")));
        Assert.Equal("0 0 755", Stat(Path.Combine(root, "usr", "local", "bin", "host-status")));
    }

    [Fact]
    public void UsrFilesystem_OsReleaseAndUnits_AreTheDefinitions()
    {
        var root = ExtractUsr("etc");
        var osRelease = File.ReadAllText(Path.Combine(root, "usr", "lib", "os-release"));
        var wants = Path.Combine(root, "usr", "share", "factory", "etc", "systemd", "system");

        // os-release(5) asks for quotes around values with characters other than letters and digits.
        Assert.Contains("IMAGE_ID=\"container-host\"\n", osRelease, StringComparison.Ordinal);
        Assert.Contains("IMAGE_VERSION=\"2026.11.0\"\n", osRelease, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(wants, "multi-user.target.wants", "basalt-status.service")) || Directory.Exists(wants));
        Assert.Equal("/usr/lib/systemd/system/basalt-update.timer", new FileInfo(Path.Combine(wants, "timers.target.wants", "basalt-update.timer")).LinkTarget);
        Assert.False(new FileInfo(Path.Combine(wants, "multi-user.target.wants", "basalt-debug-shell.service")).Exists);
        Assert.Equal("/dev/null", new FileInfo(Path.Combine(wants, "systemd-firstboot.service")).LinkTarget);
    }

    [Fact]
    public void Oci_SkopeoAndUmoci_ReadTheImageAndUnpackTheSameTree()
    {
        var layout = image.Artifact(".oci");
        var umoci = ExternalTool.Require("umoci", "umoci");
        var tag = ExternalTool.Run(umoci, ["ls", "--layout", layout]).EnsureSuccess("umoci ls").StandardOutput.Trim().Split('\n')[0];
        ExternalTool.Run(ExternalTool.Require("skopeo", "skopeo"), ["inspect", $"oci:{layout}:{tag}"]).EnsureSuccess("skopeo inspect");
        var bundle = image.Scratch("oci-bundle");

        ExternalTool.Run(umoci, ["unpack", "--rootless", "--image", $"{layout}:{tag}", bundle]).EnsureSuccess("umoci unpack");

        var rootfs = Path.Combine(bundle, "rootfs");
        Assert.Contains("IMAGE_ID=\"container-host\"", File.ReadAllText(Path.Combine(rootfs, "usr", "lib", "os-release")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rootfs, "etc", "basalt", "update.conf")));
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(rootfs, "bin")).LinkTarget);
    }

    private string RootHashFromCommandLine()
    {
        var commandLine = image.Report.RootElement.GetProperty("image").GetProperty("kernelCommandLine").GetString()!;
        var usrhash = commandLine.Split(' ').Single(a => a.StartsWith("usrhash=", StringComparison.Ordinal))["usrhash=".Length..];
        Assert.Equal(image.Report.RootElement.GetProperty("image").GetProperty("usrRootHash").GetString(), usrhash);
        return usrhash;
    }

    /// <summary>usr-A extracted by fsck.erofs into ROOT/usr (owners and modes kept: the tests run as root in CI).</summary>
    private string ExtractUsr(string name)
    {
        var root = image.Scratch(name + "/root");
        Directory.CreateDirectory(root);
        var usr = Path.Combine(root, "usr");
        if (!Directory.Exists(usr))
        {
            var partition = DiskPartition.Read(image.Artifact(".raw"))[1];
            var data = image.Scratch(name + "/usr.erofs");
            partition.CopyTo(image.Artifact(".raw"), data);
            ExternalTool.Run(ExternalTool.Require("fsck.erofs", "erofs-utils"), ["--extract=" + usr, data]).EnsureSuccess("fsck.erofs --extract");
        }

        return root;
    }

    private static string Stat(string path) => ExternalTool.Run("stat", ["-c", "%u %g %a", path]).EnsureSuccess("stat").StandardOutput.Trim();

    private static List<string> Files(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];

    private static bool FilesEqual(string a, string b)
    {
        using var left = File.OpenRead(a);
        using var right = File.OpenRead(b);
        if (left.Length != right.Length)
        {
            return false;
        }

        var x = new byte[1 << 20];
        var y = new byte[1 << 20];
        while (true)
        {
            var read = left.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            right.ReadExactly(y, 0, read);
            if (read == 0)
            {
                return true;
            }

            if (!x.AsSpan(0, read).SequenceEqual(y.AsSpan(0, read)))
            {
                return false;
            }
        }
    }
}
