using System.Buffers.Binary;
using System.Globalization;
using Basalt.Imaging.Pe;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Pe;

public sealed class PeImageTests
{
    [Fact]
    public void Parse_SystemdStub_SectionsMatchObjdump()
    {
        var objdump = ExternalTool.Require("objdump", "binutils");
        var image = PeImage.Load(PeTestFiles.Stub);

        Assert.Equal(0x8664, image.Machine);
        Assert.Equal("x86-64", image.MachineName);
        Assert.Equal(10, image.Subsystem);
        Assert.True(image.IsPe32Plus);
        Assert.Equal(ObjdumpSections(objdump, PeTestFiles.Stub), image.Sections.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData)));
    }

    [Fact]
    public void ComputeCheckSum_DebianBinaries_EqualsTheLinkersChecksum()
    {
        foreach (var path in new[] { PeTestFiles.Stub, PeTestFiles.BootLoader })
        {
            var image = PeImage.Load(path);
            Assert.NotEqual(0u, image.CheckSum);
            Assert.Equal(image.CheckSum, image.ComputeCheckSum());
        }
    }

    [Fact]
    public void TryGetSectionData_Sbat_ReturnsObjcopyBytes()
    {
        var objcopy = ExternalTool.Require("objcopy", "binutils");
        using var temp = new TempDirectory("pe");
        ExternalTool.Run(objcopy, ["-O", "binary", "--only-section=.sbat", PeTestFiles.Stub, temp.Path("sbat")]).EnsureSuccess("objcopy");

        Assert.True(PeImage.Load(PeTestFiles.Stub).TryGetSectionData(".sbat", out var sbat));
        Assert.Equal(File.ReadAllBytes(temp.Path("sbat")), sbat.ToArray());
        Assert.StartsWith("sbat,1,", System.Text.Encoding.ASCII.GetString(sbat.Span), StringComparison.Ordinal);
        Assert.False(PeImage.Load(PeTestFiles.Stub).TryGetSectionData(".linux", out _));
    }

    [Fact]
    public void IsPe_StubAndOtherBytes_TellThemApart()
    {
        Assert.True(PeImage.IsPe(File.ReadAllBytes(PeTestFiles.Stub)));
        Assert.False(PeImage.IsPe(new byte[4096]));
        Assert.False(PeImage.IsPe("MZ"u8));
    }

    [Theory]
    [InlineData("truncated", "is too short for an MS-DOS header (10 bytes, need 64) (offset 0x0)")]
    [InlineData("no-mz", "has no 'MZ' signature: not a PE image (offset 0x0)")]
    [InlineData("pe-offset", "has a PE header offset 0x7fffffff outside the file")]
    [InlineData("pe-signature", "has no 'PE\\0\\0' signature (offset 0x80)")]
    [InlineData("section-count", "declares 65535 sections (at most 96 allowed) (offset 0x86)")]
    [InlineData("section-table", "has a section table of 8 entries that runs past the end of the file (512 bytes) (offset 0x188)")]
    [InlineData("raw-data", "has section '.text' with raw data at 0x400 (+0xffffff00) past the end of the file")]
    [InlineData("optional-size", "has an optional header of 65535 bytes that does not fit the file (offset 0x94)")]
    [InlineData("directories", "declares 4096 data directories, more than its optional header (240 bytes) holds (offset 0x104)")]
    [InlineData("alignment", "has FileAlignment 0x300, not a power of two (offset 0xbc)")]
    [InlineData("certificate", "has a certificate table at 0x10000 (+0x7fffffff) outside the file")]
    [InlineData("headers", "has SizeOfHeaders 0xffffffff, outside [end of section table 0x2c8")]
    public void Parse_Malformed_ThrowsNamingTheFileAndOffset(string damage, string message)
    {
        var data = File.ReadAllBytes(PeTestFiles.Stub);
        const int Coff = 0x84;
        const int Optional = Coff + 20;
        data = damage switch
        {
            "truncated" => data[..10],
            "no-mz" => Patch16(data, 0, 0x1234),
            "pe-offset" => Patch32(data, 0x3C, 0x7FFFFFFF),
            "pe-signature" => Patch32(data, 0x80, 0x00004551),
            "section-count" => Patch16(data, Coff + 2, 0xFFFF),
            "section-table" => data[..0x200],
            "raw-data" => Patch32(data, Optional + 240 + 16, 0xFFFFFF00),
            "optional-size" => Patch16(data, Coff + 16, 0xFFFF)[..0x1000],
            "directories" => Patch32(data, Optional + 108, 0x1000),
            "alignment" => Patch32(data, Optional + 36, 0x300),
            "certificate" => Patch32(Patch32(data, Optional + 112 + 32, 0x10000), Optional + 112 + 36, 0x7FFFFFFF),
            "headers" => Patch32(data, Optional + 60, 0xFFFFFFFF),
            _ => throw new ArgumentException(damage),
        };

        var exception = Assert.Throws<InvalidDataException>(() => PeImage.Parse(data, "bad.efi"));
        Assert.StartsWith("PE image 'bad.efi' ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Contains("offset 0x", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MutatedHeaders_OnlyInvalidDataException()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        MutationFuzzer.Run(stub, [(0, 0x400)], data =>
        {
            var image = PeImage.Parse(data, "fuzz");
            Authenticode.ComputeDigest(data, System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var section in image.Sections)
            {
                image.TryGetSectionData(section.Name, out _);
            }

            Authenticode.ReadSignature(image);
        }, defaultIterations: 2000);
    }

    [Fact]
    public void Parse_Pe32DotnetAssembly_SectionsMatchObjdump()
    {
        // An AnyCPU .NET assembly is a PE32 image (Machine i386, 32-bit optional header, ImageBase 0x10000000 for a DLL).
        var objdump = ExternalTool.Require("objdump", "binutils");
        var path = typeof(PeImage).Assembly.Location;
        var image = PeImage.Load(path);

        Assert.False(image.IsPe32Plus);
        Assert.Equal("i386", image.MachineName);
        Assert.Equal(3, image.Subsystem);
        Assert.NotEqual(0ul, image.ImageBase);
        Assert.Equal(ObjdumpSections(objdump, path, image.ImageBase), image.Sections.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData)));
    }

    internal static List<(string, uint, uint, uint)> ObjdumpSections(string objdump, string path, ulong imageBase = 0)
    {
        // "  0 .text         0000bff0  0000000000004000  0000000000004000  00000400  2**4"
        var output = ExternalTool.Run(objdump, ["-h", path]).EnsureSuccess("objdump -h").StandardOutput;
        return output.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 7 && int.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .Select(f => (f[1], (uint)(ulong.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - imageBase),
                uint.Parse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture), uint.Parse(f[5], NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static byte[] Patch16(byte[] data, int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), value);
        return data;
    }

    private static byte[] Patch32(byte[] data, int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), value);
        return data;
    }
}
