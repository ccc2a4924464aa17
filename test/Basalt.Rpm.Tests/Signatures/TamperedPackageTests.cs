using Basalt.Rpm.Format;
using Basalt.Rpm.Signatures;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

/// <summary>Flips one byte of a real signed package in the header, the payload or the signature, and checks what fails.</summary>
public sealed class TamperedPackageTests
{
    private const string Signed = "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64-signed.rpm";

    private static OpenPgpKeyring Keys => OpenPgpKeyring.Load([Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-rsa-2048-test.pub")]);

    [Fact]
    public void Verify_ByteFlippedInHeader_HeaderDigestsAndSignaturesBad()
    {
        using var scratch = new TempDirectory();
        var headers = RpmPackageHeaders.Read(Fixtures.Path(Signed));
        var summary = headers.Header.Find(RpmTag.Summary)!;
        var tampered = Flip(scratch, headers.HeaderOffset + DataStoreStart(headers.Header) + summary.Offset);

        var report = RpmPackageVerifier.Verify(tampered, Keys, TestContext.Current.CancellationToken);

        Assert.Equal(RpmCheckResult.Bad, Result(report, "Header SHA256 digest"));
        Assert.Equal(RpmCheckResult.Bad, Result(report, "Header SHA1 digest"));
        Assert.Equal(RpmCheckResult.Bad, Result(report, "MD5 digest"));
        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.Bad, c.Result));
        Assert.Equal(RpmCheckResult.Ok, Result(report, "Payload SHA256 digest"));
        Assert.StartsWith("Header SHA256 digest: BAD (expected ", report.Checks.Single(c => c.Name == "Header SHA256 digest").ToString(), StringComparison.Ordinal);
        Assert.False(report.Passed(requireSignature: false));
        AgreesWithRpm(tampered, scratch, report);
    }

    [Fact]
    public void Verify_ByteFlippedInPayload_PayloadDigestAndHeaderPayloadSignatureBad()
    {
        using var scratch = new TempDirectory();
        var length = new FileInfo(Fixtures.Path(Signed)).Length;
        var tampered = Flip(scratch, length - 100);

        var report = RpmPackageVerifier.Verify(tampered, Keys, TestContext.Current.CancellationToken);

        Assert.Equal(RpmCheckResult.Bad, Result(report, "Payload SHA256 digest"));
        Assert.Equal(RpmCheckResult.Bad, Result(report, "MD5 digest"));
        Assert.Equal(RpmCheckResult.Bad, report.Signatures.Single(c => !c.Name.StartsWith("Header", StringComparison.Ordinal)).Result);
        Assert.Equal(RpmCheckResult.Ok, report.Signatures.Single(c => c.Name.StartsWith("Header", StringComparison.Ordinal)).Result);
        Assert.Equal(RpmCheckResult.Ok, Result(report, "Header SHA256 digest"));
        Assert.False(report.Passed(requireSignature: true));
        AgreesWithRpm(tampered, scratch, report);
    }

    [Fact]
    public void Verify_ByteFlippedInSignature_OnlyThatSignatureBad()
    {
        using var scratch = new TempDirectory();
        var headers = RpmPackageHeaders.Read(Fixtures.Path(Signed));
        var rsa = headers.Signature.Find(RpmSignatureTag.Rsa)!;
        var tampered = Flip(scratch, headers.SignatureOffset + DataStoreStart(headers.Signature) + rsa.Offset + rsa.Count - 1);

        var report = RpmPackageVerifier.Verify(tampered, Keys, TestContext.Current.CancellationToken);

        var header = report.Signatures.Single(c => c.Tag == (int)RpmSignatureTag.Rsa);
        Assert.Equal(RpmCheckResult.Bad, header.Result);
        Assert.Equal("4344591e1964c5fc", header.Signature!.KeyIdHex);
        Assert.True(report.DigestsOk);
        Assert.Equal(RpmCheckResult.Ok, report.Signatures.Single(c => c.Tag == (int)RpmSignatureTag.Pgp).Result);
        Assert.False(report.Passed(requireSignature: true));
        AgreesWithRpm(tampered, scratch, report);
    }

    [Fact]
    public void Verify_ForeignKey_NoKeyAndFailsWhenSignatureRequired()
    {
        var keyring = OpenPgpKeyring.Load(SignatureFixtures.CentOsKeys);

        var report = RpmPackageVerifier.Verify(Fixtures.Path(Signed), keyring, TestContext.Current.CancellationToken);

        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.NoKey, c.Result));
        Assert.True(report.DigestsOk);
        Assert.False(report.Passed(requireSignature: true));
    }

    [Fact]
    public void Verify_TruncatedCorruptedFixture_PayloadDigestBad()
    {
        var report = RpmPackageVerifier.Verify(Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64-corrupted.rpm"), Keys,
            TestContext.Current.CancellationToken);

        Assert.Equal(RpmCheckResult.Bad, Result(report, "Payload SHA256 digest"));
        Assert.False(report.DigestsOk);
        Assert.False(report.Passed(requireSignature: true));
    }

    [Fact]
    public void Verify_SubkeyWithoutValidBinding_NotUsed()
    {
        // CVE-2021-3521: the subkey 185e6146f00650f8 is attached without a valid binding signature.
        var keyring = OpenPgpKeyring.Load([Fixtures.Path("rpms/rpm/tests/data/keys/CVE-2021-3521-badbind.asc")]);

        Assert.All(keyring.Keys.Where(k => k.IsSubkey), k => Assert.NotNull(k.UnusableReason));
    }

    private static RpmCheckResult Result(RpmVerificationReport report, string name) => report.Checks.Single(c => c.Name == name).Result;

    private static int DataStoreStart(RpmHeader header) => RpmFormat.HeaderIntroSize + (header.Entries.Count * RpmFormat.IndexEntrySize);

    private static string Flip(TempDirectory scratch, long offset)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path(Signed));
        bytes[offset] ^= 0x01;
        var path = scratch.Path("tampered.rpm");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AgreesWithRpm(string package, TempDirectory scratch, RpmVerificationReport report)
        => RpmKeysReference.AssertAgrees(RpmKeysReference.CheckLines(package, [Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-rsa-2048-test.pub")], scratch), report);
}
