using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Pe;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Pe;

public sealed class UkiBuilderTests
{
    private const string OsRelease = "NAME=Basalt\nID=basalt\nVERSION_ID=1.0\nPRETTY_NAME=\"Basalt 1.0\"\n";
    private const string CommandLine = "console=ttyS0 root=/dev/mapper/usr ro";

    [Fact]
    public void Build_FakeKernel_ObjdumpShowsSectionsAfterTheStub()
    {
        var objdump = ExternalTool.Require("objdump", "binutils");
        using var temp = new TempDirectory("uki");
        var stub = PeImage.Load(PeTestFiles.Stub);
        var uki = UkiBuilder.Build(stub.Data, Sections(PeTestFiles.FakeKernel(), initrd: new byte[5000]));
        File.WriteAllBytes(temp.Path("uki.efi"), uki);

        var sections = PeImageTests.ObjdumpSections(objdump, temp.Path("uki.efi"));
        var image = PeImage.Parse(uki, "uki");
        Assert.Equal(image.Sections.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData)), sections);
        Assert.Equal(stub.Sections, image.Sections.Take(stub.Sections.Count));
        Assert.Equal([".osrel", ".cmdline", ".uname", ".initrd", ".linux"], image.Sections.Skip(stub.Sections.Count).Select(s => s.Name));

        // Debian's stub: SizeOfImage 0x19300 (not itself 0x200-aligned), SectionAlignment = FileAlignment = 0x200, last
        // section's raw data ends at 0x11400; .initrd and .linux start on 4 KiB pages.
        var added = image.Sections.Skip(stub.Sections.Count).ToList();
        Assert.Equal(new uint[] { 0x19400, 0x19600, 0x19800, 0x1a000, 0x1c000 }, added.Select(s => s.VirtualAddress));
        Assert.Equal(new uint[] { 0x11400, 0x11600, 0x11800, 0x11a00, 0x12e00 }, added.Select(s => s.PointerToRawData));
        Assert.All(added, s => Assert.Equal(UkiBuilder.SectionCharacteristics, s.Characteristics));
        Assert.Equal(0x1c000u + 0x11200, image.SizeOfImage);
        Assert.Equal(image.ComputeCheckSum(), image.CheckSum);
        Assert.Equal(uki.Length, (int)(added[^1].PointerToRawData + added[^1].SizeOfRawData));
    }

    [Fact]
    public void Build_RealKernel_ObjcopyExtractsExactlyWhatWentIn()
    {
        var objcopy = ExternalTool.Require("objcopy", "binutils");
        using var temp = new TempDirectory("uki");
        var kernel = File.ReadAllBytes(PeTestFiles.Kernel);
        var initrd = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("070701 initrd bytes ", 999)));
        var uki = UkiBuilder.Build(File.ReadAllBytes(PeTestFiles.Stub), Sections(kernel, initrd));
        File.WriteAllBytes(temp.Path("uki.efi"), uki);

        var expected = new Dictionary<string, byte[]>
        {
            [".osrel"] = Encoding.UTF8.GetBytes(OsRelease),
            [".cmdline"] = Encoding.UTF8.GetBytes(CommandLine),
            [".uname"] = "6.1.0-56-cloud-amd64"u8.ToArray(),
            [".initrd"] = initrd,
            [".linux"] = kernel,
        };
        var image = PeImage.Parse(uki, "uki");
        foreach (var (name, bytes) in expected)
        {
            var output = temp.Path(name.TrimStart('.'));
            ExternalTool.Run(objcopy, ["-O", "binary", $"--only-section={name}", temp.Path("uki.efi"), output]).EnsureSuccess("objcopy " + name);
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(output)), $"objcopy {name}");
            Assert.True(image.TryGetSectionData(name, out var ours));
            Assert.True(bytes.AsSpan().SequenceEqual(ours.Span), name);
        }

        // systemd-stub finds the kernel's x86 setup header ("HdrS" at 0x202) at the start of .linux.
        Assert.Equal(0x53726448u, BinaryPrimitives.ReadUInt32LittleEndian(uki.AsSpan((int)image.FindSection(".linux")!.PointerToRawData + 0x202)));
        Assert.Equal(0u, image.FindSection(".linux")!.VirtualAddress % 4096);
        Assert.Equal(0u, image.FindSection(".initrd")!.VirtualAddress % 4096);
    }

    [Fact]
    public void Build_Twice_IdenticalBytes()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        var first = UkiBuilder.Build(stub, Sections(PeTestFiles.FakeKernel(), null));
        var second = UkiBuilder.Build(stub, Sections(PeTestFiles.FakeKernel(), null));
        Assert.Equal(first, second);
        Assert.Null(PeImage.Parse(first, "uki").FindSection(".initrd"));
    }

    [Fact]
    public void Build_DropsSymbolTableAndSignature()
    {
        var signed = SignStub();
        var uki = UkiBuilder.Build(signed, Sections(PeTestFiles.FakeKernel(), null) with { Uname = null });
        var image = PeImage.Parse(uki, "uki");
        Assert.False(image.HasCertificateTable);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(uki.AsSpan(0x84 + 8)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(uki.AsSpan(0x84 + 12)));
        Assert.Null(image.FindSection(".uname"));
        Assert.Equal(UkiBuilder.Build(File.ReadAllBytes(PeTestFiles.Stub), Sections(PeTestFiles.FakeKernel(), null) with { Uname = null }), uki);
    }

    [Fact]
    public void Build_NoRoomForSectionHeaders_ThrowsNamingTheOffsets()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        // Pretend the headers end right after the existing eight section headers (0x188 + 8 * 40 = 0x2c8).
        BinaryPrimitives.WriteUInt32LittleEndian(stub.AsSpan(0x98 + 60), 0x2C8);
        var exception = Assert.Throws<InvalidDataException>(() => UkiBuilder.Build(stub, Sections(PeTestFiles.FakeKernel(), null)));
        Assert.Equal(
            "PE image 'UKI stub' has no room for 4 more section headers: the section table would end at 0x368, but the headers end at 0x2c8 (offset 0x2c8).",
            exception.Message);
    }

    [Fact]
    public void Build_HeaderSlackInUse_Throws()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        stub[0x2D0] = 0x42;
        var exception = Assert.Throws<InvalidDataException>(() => UkiBuilder.Build(stub, Sections(PeTestFiles.FakeKernel(), null)));
        Assert.Contains("uses the header space after its section table", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(offset 0x2d0)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OnAUki_ThrowsAlreadyHasSection()
    {
        var uki = UkiBuilder.Build(File.ReadAllBytes(PeTestFiles.Stub), Sections(PeTestFiles.FakeKernel(), null));
        var exception = Assert.Throws<InvalidDataException>(() => UkiBuilder.Build(uki, Sections(PeTestFiles.FakeKernel(), null)));
        Assert.Equal("PE image 'UKI stub' already has a '.osrel' section: is it a UKI already?", exception.Message);
    }

    [Fact]
    public void Build_StubIsNotAnEfiApplication_Throws()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        BinaryPrimitives.WriteUInt16LittleEndian(stub.AsSpan(0x98 + 68), 3);
        var exception = Assert.Throws<InvalidDataException>(() => UkiBuilder.Build(stub, Sections(PeTestFiles.FakeKernel(), null)));
        Assert.Equal("PE image 'UKI stub' is a Windows console, not an EFI application (offset 0xdc).", exception.Message);
    }

    [Fact]
    public void Build_MutatedStubHeaders_OnlyInvalidDataException()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        var sections = Sections(PeTestFiles.FakeKernel(3000), new byte[100]);
        MutationFuzzer.Run(stub, [(0x80, 0x300)], data => PeImage.Parse(UkiBuilder.Build(data, sections), "uki"), defaultIterations: 1000);
    }

    internal static UkiSections Sections(byte[] kernel, byte[]? initrd) => new()
    {
        Linux = kernel,
        CommandLine = CommandLine,
        OsRelease = OsRelease,
        Uname = "6.1.0-56-cloud-amd64",
        Initrd = initrd is null ? null : initrd,
    };

    private static byte[] SignStub()
    {
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        return signer.Sign(File.ReadAllBytes(PeTestFiles.Stub));
    }
}
