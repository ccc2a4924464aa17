using Basalt.Imaging.Pe;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Pe;

public sealed class AuthenticodeSignerTests
{
    [Fact]
    public void Sign_UkiAndBootLoader_SbverifyAcceptsOnlyTheSigningCertificate()
    {
        var sbverify = ExternalTool.Require("sbverify", "sbsigntool");
        using var temp = new TempDirectory("sign");
        var (otherCertificate, _) = PeTestFiles.WriteOtherKeyPair(temp);
        using var signer = Snakeoil();
        var uki = UkiBuilder.Build(File.ReadAllBytes(PeTestFiles.Stub), UkiBuilderTests.Sections(PeTestFiles.FakeKernel(), new byte[3000]));
        var inputs = new Dictionary<string, byte[]> { ["uki.efi"] = uki, ["systemd-bootx64.efi"] = File.ReadAllBytes(PeTestFiles.BootLoader) };
        foreach (var (name, bytes) in inputs)
        {
            var signed = signer.Sign(bytes);
            var path = temp.Path(name);
            File.WriteAllBytes(path, signed);
            var accepted = ExternalTool.Run(sbverify, ["--cert", PeTestFiles.SnakeoilCertificate, path]);
            Assert.True(accepted.ExitCode == 0, $"sbverify {name}: {accepted.StandardOutput}{accepted.StandardError}");
            Assert.Contains("Signature verification OK", accepted.StandardOutput, StringComparison.Ordinal);

            Assert.NotEqual(0, ExternalTool.Run(sbverify, ["--cert", otherCertificate, path]).ExitCode);

            // One byte changed inside the first section's code: the digest no longer matches.
            var image = PeImage.Parse(signed, name);
            signed[(int)image.Sections[0].PointerToRawData + 100] ^= 0x01;
            File.WriteAllBytes(path, signed);
            var tampered = ExternalTool.Run(sbverify, ["--cert", PeTestFiles.SnakeoilCertificate, path]);
            Assert.NotEqual(0, tampered.ExitCode);
            var signature = Authenticode.ReadSignature(PeImage.Parse(signed, name))!;
            Assert.False(signature.DigestMatchesImage);
            Assert.True(signature.SignatureIsValid);
        }
    }

    [Fact]
    public void Sign_Twice_IdenticalBytes()
    {
        var stub = File.ReadAllBytes(PeTestFiles.Stub);
        using var first = Snakeoil();
        using var second = Snakeoil();
        Assert.Equal(first.Sign(stub), second.Sign(stub));
    }

    [Fact]
    public void Sign_AlreadySigned_ReplacesTheSignature()
    {
        var sbsign = ExternalTool.Require("sbsign", "sbsigntool");
        using var temp = new TempDirectory("sign");
        var (otherCertificate, otherKey) = PeTestFiles.WriteOtherKeyPair(temp);
        ExternalTool.Run(sbsign, ["--key", otherKey, "--cert", otherCertificate, "--output", temp.Path("other.efi"), PeTestFiles.Stub]).EnsureSuccess("sbsign");
        using var signer = Snakeoil();

        var resigned = signer.Sign(File.ReadAllBytes(temp.Path("other.efi")));

        Assert.Equal(signer.Sign(File.ReadAllBytes(PeTestFiles.Stub)), resigned);
        var signature = Authenticode.ReadSignature(PeImage.Parse(resigned, "resigned"))!;
        Assert.True(signature.IsValid);
        Assert.Single(signature.Certificates);
        Assert.Contains("SnakeOil", signature.SignerSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Output_HasAlignedWinCertificateAndValidChecksum()
    {
        using var signer = Snakeoil();
        var signed = PeImage.Parse(signer.Sign(File.ReadAllBytes(PeTestFiles.BootLoader)), "signed");
        Assert.Equal(0u, signed.CertificateTableOffset % 8);
        Assert.Equal(0u, signed.CertificateTableSize % 8);
        Assert.Equal(signed.Data.Length, (int)(signed.CertificateTableOffset + signed.CertificateTableSize));
        var entry = signed.Data.Span[(int)signed.CertificateTableOffset..];
        Assert.Equal(0x0200, System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]));
        Assert.Equal(0x0002, System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]));
        Assert.Equal(signed.ComputeCheckSum(), signed.CheckSum);
    }

    [Fact]
    public void LoadPem_WrongPassphrase_NamesTheKeyFile()
    {
        var exception = Assert.Throws<InvalidDataException>(() => AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, "wrong"));
        Assert.StartsWith($"Key file '{PeTestFiles.SnakeoilKey}' could not be read (wrong passphrase, or not an RSA key)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPem_EncryptedKeyWithoutPassphrase_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, null));
        Assert.Equal($"Key file '{PeTestFiles.SnakeoilKey}' is encrypted; give its passphrase.", exception.Message);
    }

    [Fact]
    public void LoadPem_KeyOfAnotherCertificate_NamesBothFiles()
    {
        using var temp = new TempDirectory("sign");
        var (_, otherKey) = PeTestFiles.WriteOtherKeyPair(temp);
        var exception = Assert.Throws<ArgumentException>(() => AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, otherKey, null));
        Assert.StartsWith($"Key '{otherKey}' does not belong to certificate '{PeTestFiles.SnakeoilCertificate}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPem_CertificateFileIsAKey_NamesTheFile()
    {
        var exception = Assert.Throws<InvalidDataException>(() => AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilKey, "snakeoil"));
        Assert.StartsWith($"Certificate file '{PeTestFiles.SnakeoilKey}' holds no readable PEM certificate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_NotAPe_ThrowsInvalidData()
    {
        using var signer = Snakeoil();
        Assert.Throws<InvalidDataException>(() => signer.Sign(new byte[100]));
    }

    internal static AuthenticodeSigner Snakeoil()
        => AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
}
