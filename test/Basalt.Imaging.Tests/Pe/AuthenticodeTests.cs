using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Basalt.Imaging.Pe;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Pe;

public sealed partial class AuthenticodeTests
{
    [Fact]
    public void ComputeDigest_SbsignSignedBootLoader_EqualsTheDigestSbsignEmbedded()
    {
        var sbsign = ExternalTool.Require("sbsign", "sbsigntool");
        using var temp = new TempDirectory("authenticode");
        var key = WritePlainSnakeoilKey(temp);
        ExternalTool.Run(sbsign, ["--key", key, "--cert", PeTestFiles.SnakeoilCertificate, "--output", temp.Path("signed.efi"), PeTestFiles.BootLoader])
            .EnsureSuccess("sbsign");

        var signedBySbsign = PeImage.Load(temp.Path("signed.efi"));
        var embedded = Authenticode.ReadSignature(signedBySbsign);
        Assert.NotNull(embedded);
        Assert.Equal(HashAlgorithmName.SHA256, embedded.DigestAlgorithm);
        Assert.Equal(embedded.Digest, Authenticode.ComputeDigest(signedBySbsign, HashAlgorithmName.SHA256));
        Assert.True(embedded.IsValid);
        Assert.Equal("O=SnakeOil, L=Fort Collins, S=Colorado, C=US", embedded.SignerSubject);

        // Ours pads the 140891-byte loader to 8 bytes exactly as sbsign does, so both sign the same digest.
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        var ours = Authenticode.ReadSignature(PeImage.Parse(signer.Sign(File.ReadAllBytes(PeTestFiles.BootLoader)), "ours"));
        Assert.Equal(embedded.Digest, ours!.Digest);
    }

    [Fact]
    public void ComputeDigest_DebianKernel_EqualsOsslsigncodeAndDebiansSignature()
    {
        var osslsigncode = ExternalTool.Require("osslsigncode", "osslsigncode");
        var kernel = PeImage.Load(PeTestFiles.Kernel);
        var (current, calculated) = OsslsigncodeDigests(osslsigncode, PeTestFiles.Kernel, caFile: null);

        var ours = Authenticode.ComputeDigest(kernel, HashAlgorithmName.SHA256);
        Assert.Equal(calculated, Convert.ToHexString(ours));
        var embedded = Authenticode.ReadSignature(kernel);
        Assert.NotNull(embedded);
        Assert.Equal(current, Convert.ToHexString(embedded.Digest));
        Assert.True(embedded.IsValid);
        Assert.Contains("Debian Secure Boot Signer", embedded.SignerSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeDigest_StubSignedByUs_EqualsOsslsigncodeCalculation()
    {
        var osslsigncode = ExternalTool.Require("osslsigncode", "osslsigncode");
        using var temp = new TempDirectory("authenticode");
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        var signed = signer.Sign(File.ReadAllBytes(PeTestFiles.Stub));
        File.WriteAllBytes(temp.Path("signed.efi"), signed);

        var (current, calculated) = OsslsigncodeDigests(osslsigncode, temp.Path("signed.efi"), PeTestFiles.SnakeoilCertificate);
        var expected = Convert.ToHexString(Authenticode.ComputeDigest(signed, HashAlgorithmName.SHA256));
        Assert.Equal(expected, current);
        Assert.Equal(expected, calculated);
    }

    [Fact]
    public void Sign_Pe32DotnetAssembly_OsslsigncodeCalculatesOurDigest()
    {
        var osslsigncode = ExternalTool.Require("osslsigncode", "osslsigncode");
        using var temp = new TempDirectory("authenticode");
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        var signed = signer.Sign(File.ReadAllBytes(typeof(PeImage).Assembly.Location));
        File.WriteAllBytes(temp.Path("signed.dll"), signed);

        var (current, calculated) = OsslsigncodeDigests(osslsigncode, temp.Path("signed.dll"), PeTestFiles.SnakeoilCertificate);
        var expected = Convert.ToHexString(Authenticode.ComputeDigest(signed, HashAlgorithmName.SHA256));
        Assert.Equal(expected, current);
        Assert.Equal(expected, calculated);
        Assert.True(Authenticode.ReadSignature(PeImage.Parse(signed, "signed.dll"))!.IsValid);
    }

    [Fact]
    public void ReadSignature_Unsigned_ReturnsNull()
        => Assert.Null(Authenticode.ReadSignature(PeImage.Load(PeTestFiles.Stub)));

    [Fact]
    public void ReadSignature_GarbageSignature_ThrowsNamingTheImage()
    {
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        var signed = signer.Sign(File.ReadAllBytes(PeTestFiles.Stub));
        var image = PeImage.Parse(signed, "signed.efi");
        signed[(int)image.CertificateTableOffset + 8] = 0x04;
        var exception = Assert.Throws<InvalidDataException>(() => Authenticode.ReadSignature(PeImage.Parse(signed, "signed.efi")));
        Assert.StartsWith($"PE image 'signed.efi' has a malformed Authenticode signature at offset 0x{image.CertificateTableOffset:x}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSignature_MutatedSignature_OnlyInvalidDataException()
    {
        using var signer = AuthenticodeSigner.LoadPem(PeTestFiles.SnakeoilCertificate, PeTestFiles.SnakeoilKey, PeTestFiles.SnakeoilPassphrase);
        var signed = signer.Sign(File.ReadAllBytes(PeTestFiles.Stub));
        var table = PeImage.Parse(signed, "signed");
        MutationFuzzer.Run(signed, [((int)table.CertificateTableOffset, (int)table.CertificateTableSize)],
            data => Authenticode.ReadSignature(PeImage.Parse(data, "fuzz")), defaultIterations: 500);
    }

    internal static string WritePlainSnakeoilKey(TempDirectory temp)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromEncryptedPem(File.ReadAllText(PeTestFiles.SnakeoilKey), PeTestFiles.SnakeoilPassphrase);
        var path = temp.Path("snakeoil-plain.key");
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private static (string Current, string Calculated) OsslsigncodeDigests(string osslsigncode, string path, string? caFile)
    {
        string[] arguments = caFile is null ? ["verify", "-in", path] : ["verify", "-CAfile", caFile, "-in", path];
        var output = ExternalTool.Run(osslsigncode, arguments).StandardOutput;
        return (DigestLine("Current", output), DigestLine("Calculated", output));
    }

    private static string DigestLine(string label, string output)
    {
        var match = Regex.Match(output, label + @" message digest\s*:\s*([0-9A-F]+)");
        Assert.True(match.Success, $"osslsigncode printed no '{label} message digest':\n{output}");
        return match.Groups[1].Value;
    }
}
