using System.Text;
using Basalt.Compose.Boot;
using Basalt.Compose.Tests.Layout;
using Basalt.Imaging.Pe;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot;

/// <summary>The ESP's boot chain: systemd-boot at the removable-media path and its own, the UKI with our sections, signed on request.</summary>
public sealed class EspBootTests
{
    private const string Stub = "/usr/lib/systemd/boot/efi/linuxx64.efi.stub";
    private const string Loader = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";
    private const string CommandLine = "usrhash=00ff mount.usr=/dev/mapper/usr console=ttyS0";
    private const string OsRelease = "ID=basalt\nIMAGE_ID=test\nIMAGE_VERSION=1.0.0\n";

    [Fact]
    public void Complete_Uki_WritesLoaderTwiceAndTheUkiWithItsSections()
    {
        var esp = Esp(signer: null);

        var loader = File.ReadAllBytes(Loader);
        Assert.Equal(loader, Bytes(esp, "/EFI/BOOT/BOOTX64.EFI"));
        Assert.Equal(loader, Bytes(esp, "/EFI/systemd/systemd-bootx64.efi"));
        var uki = PeImage.Parse(Bytes(esp, "/EFI/Linux/test-1.0.0.efi"), "uki");
        Assert.Equal(CommandLine, Section(uki, ".cmdline"));
        Assert.Equal(OsRelease, Section(uki, ".osrel"));
        Assert.Equal(LayoutFixture.KernelVersion, Section(uki, ".uname"));
        Assert.Equal("initrd bytes", Section(uki, ".initrd"));
        Assert.Null(Authenticode.ReadSignature(uki));
    }

    [Fact]
    public void Complete_WithSigner_SignsLoaderAndUkiVerifiably()
    {
        using var signer = AuthenticodeSigner.LoadPem("/usr/share/ovmf/PkKek-1-snakeoil.pem", "/usr/share/ovmf/PkKek-1-snakeoil.key", "snakeoil");

        var esp = Esp(signer);

        foreach (var path in new[] { "/EFI/BOOT/BOOTX64.EFI", "/EFI/Linux/test-1.0.0.efi" })
        {
            var signature = Authenticode.ReadSignature(PeImage.Parse(Bytes(esp, path), path));
            Assert.NotNull(signature);
            Assert.True(signature.DigestMatchesImage && signature.SignatureIsValid, path);
            Assert.Equal(signer.Certificate.Subject, signature.SignerSubject);
        }

        Assert.Equal(Bytes(Esp(signer), "/EFI/Linux/test-1.0.0.efi"), Bytes(esp, "/EFI/Linux/test-1.0.0.efi"));
    }

    private static FileTree Esp(AuthenticodeSigner? signer)
    {
        if (!File.Exists(Stub) || !File.Exists("/usr/share/ovmf/PkKek-1-snakeoil.key"))
        {
            ExternalTool.Require(Stub, "systemd-boot-efi");
            ExternalTool.Require("/usr/share/ovmf/PkKek-1-snakeoil.key", "ovmf");
        }

        var time = new FileTimestamp(LayoutFixture.Epoch);
        var esp = new FileTree { DefaultTimestamp = time };
        var assets = new BootAssets
        {
            KernelVersion = LayoutFixture.KernelVersion,
            // Any bytes do for .linux: the UKI builder places them, it does not parse them.
            Kernel = FileContent.FromBytes(Encoding.UTF8.GetBytes("kernel bytes")),
            Initrd = Encoding.UTF8.GetBytes("initrd bytes"),
            InitrdEntries = 1,
            Modules = [],
            Stub = FileContent.FromFile(Stub),
            Loader = FileContent.FromFile(Loader),
        };
        EspBoot.Complete(esp, assets, LayoutFixture.Definition(), CommandLine, OsRelease, signer, time);
        return esp;
    }

    private static byte[] Bytes(FileTree tree, string path) => ((RegularFileNode)tree.Get(path)).Content.ReadAllBytes();

    private static string Section(PeImage image, string name)
        => image.TryGetSectionData(name, out var data) ? Encoding.UTF8.GetString(data.Span) : throw new InvalidDataException($"no {name}");
}
