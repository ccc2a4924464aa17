using Basalt.Compose.Boot.Initrd;

namespace Basalt.Compose.Tests.Definition;

/// <summary>The <c>boot:</c> section: defaults per architecture, packages installed implicitly, errors word for word.</summary>
public sealed class BootDefinitionTests
{
    [Fact]
    public void Parse_KernelOnly_AppliesSystemdDefaultsAndInstallsTheKernel()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal + "boot: {kernel: kernel-core}\n");

        var boot = definition.Boot!;
        Assert.Equal("kernel-core", boot.Kernel);
        Assert.True(boot.Uki);
        Assert.Equal("/usr/lib/systemd/boot/efi/linuxx64.efi.stub", boot.Stub);
        Assert.Equal("/usr/lib/systemd/boot/efi/systemd-bootx64.efi", boot.Loader);
        Assert.Equal(InitrdCompression.Zstd, boot.Initrd.Compression);
        Assert.Null(boot.Initrd.Init);
        Assert.Equal(["hello-sh", "kernel-core"], definition.Packages.Install);
    }

    [Fact]
    public void Parse_Aarch64_DefaultsToTheAa64Binaries()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal + "arch: aarch64\nboot: {kernel: kernel-core}\n");

        Assert.Equal("/usr/lib/systemd/boot/efi/linuxaa64.efi.stub", definition.Boot!.Stub);
        Assert.Equal("/usr/lib/systemd/boot/efi/systemd-bootaa64.efi", definition.Boot.Loader);
    }

    [Fact]
    public void Parse_FullSection_KeepsEveryValueAndInstallsInitrdPackagesOnce()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal + """
            boot:
              kernel: linux
              uki: false
              stub: /usr/lib/stub.efi
              loader: /usr/lib/loader.efi
              initrd:
                compression: gzip
                init: /usr/lib/init
                packages: [busybox, hello-sh]
                files: [/usr/sbin/veritysetup]
                modules: [dm-verity, virtio_blk]

            """);

        var boot = definition.Boot!;
        Assert.False(boot.Uki);
        Assert.Equal("/usr/lib/stub.efi", boot.Stub);
        Assert.Equal("/usr/lib/loader.efi", boot.Loader);
        Assert.Equal(InitrdCompression.Gzip, boot.Initrd.Compression);
        Assert.Equal("/usr/lib/init", boot.Initrd.Init);
        Assert.Equal(["/usr/sbin/veritysetup"], boot.Initrd.Files);
        Assert.Equal(["dm-verity", "virtio_blk"], boot.Initrd.Modules);
        Assert.Equal(["hello-sh", "linux", "busybox"], definition.Packages.Install);
    }

    [Theory]
    [InlineData("boot: {uki: true}", "boot.kernel (line 8, column 7): is required")]
    [InlineData("boot: {kernel: 'linux image'}", "boot.kernel (line 8, column 16): 'linux image' is not a package name (letters, digits and . _ + - : ( ) /)")]
    [InlineData("boot: {kernel: linux, stub: efi/stub.efi}", "boot.stub (line 8, column 29): 'efi/stub.efi' is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)")]
    [InlineData("boot: {kernel: linux, initrd: {compression: lz4}}", "boot.initrd.compression (line 8, column 45): 'lz4' is not one of: zstd, gzip, none")]
    [InlineData("boot: {kernel: linux, initrd: {modules: [dm verity]}}", "boot.initrd.modules[0] (line 8, column 42): 'dm verity' is not a kernel module name (letters, digits, _ and -, e.g. dm-verity)")]
    [InlineData("boot: {kernel: linux, initrd: {files: [/usr/../etc]}}", "boot.initrd.files[0] (line 8, column 40): '/usr/../etc' is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)")]
    [InlineData("boot: {kernel: linux, initrd: {modles: [x]}}", "boot.initrd.modles (line 8, column 32): unknown key 'modles'; did you mean 'modules'?")]
    public void Parse_InvalidBootSection_ReportsTheError(string addition, string expected)
    {
        var errors = DefinitionFixture.Errors(DefinitionFixture.Minimal + addition + "\n");

        Assert.Equal([expected], errors);
    }
}
