using Basalt.Rpm.Signatures;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

public sealed class RpmPackageVerifierTests
{
    [Theory]
    [MemberData(nameof(SignatureFixtures.SignedPackages), MemberType = typeof(SignatureFixtures))]
    public void Verify_SignedFixtureWithItsKeys_EverySignatureOk(string package, string keySet)
    {
        var keyring = OpenPgpKeyring.Load(SignatureFixtures.Keys(keySet));

        var report = RpmPackageVerifier.Verify(Fixtures.Path(package), keyring, TestContext.Current.CancellationToken);

        Assert.True(report.DigestsOk, string.Join('\n', report.Checks));
        Assert.NotEmpty(report.Signatures);
        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.Ok, c.Result));
        Assert.True(report.Passed(requireSignature: true));
    }

    [Theory]
    [MemberData(nameof(SignatureFixtures.SignedPackages), MemberType = typeof(SignatureFixtures))]
    public void Verify_SignedFixture_SameVerdictsAsRpmkeys(string package, string keySet)
    {
        using var scratch = new TempDirectory();
        var keys = SignatureFixtures.Keys(keySet);
        var expected = RpmKeysReference.CheckLines(Fixtures.Path(package), keys, scratch);

        var report = RpmPackageVerifier.Verify(Fixtures.Path(package), OpenPgpKeyring.Load(keys), TestContext.Current.CancellationToken);

        RpmKeysReference.AssertAgrees(expected, report);
    }

    [Theory]
    [MemberData(nameof(SignatureFixtures.SignedPackages), MemberType = typeof(SignatureFixtures))]
    public void Verify_SignedFixtureWithoutKeys_NoKeyAndDigestsOk(string package, string keySet)
    {
        _ = keySet;
        var report = RpmPackageVerifier.Verify(Fixtures.Path(package), null, TestContext.Current.CancellationToken);

        Assert.True(report.DigestsOk);
        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.NoKey, c.Result));
        Assert.True(report.Passed(requireSignature: false));
        Assert.False(report.Passed(requireSignature: true));
    }

    [Theory]
    [MemberData(nameof(UnsignedFixtures))]
    public void Verify_EveryFixturePackage_SameDigestVerdictsAsRpmkeys(string package)
    {
        using var scratch = new TempDirectory();
        var expected = RpmKeysReference.CheckLines(Fixtures.Path(package), [], scratch);

        var report = RpmPackageVerifier.Verify(Fixtures.Path(package), null, TestContext.Current.CancellationToken);

        RpmKeysReference.AssertAgrees(expected, report);
    }

    [Theory]
    [InlineData("rpm-basic-with-ed25519-2.3.4-5.el9.noarch.rpm", "Ed25519")]
    [InlineData("rpm-basic-with-rsa4k-2.3.4-5.el9.noarch.rpm", "RSA")]
    [InlineData("rpm-basic-with-mldsa65-ed25519-2.3.4-5.el9.noarch.rpm", "ML-DSA-65+Ed25519")]
    [InlineData("rpm-basic-multiple-signatures-2.3.4-5.el9.noarch.rpm", "Ed25519")]
    public void Verify_V6Signature_VerifiedOrReportedUnsupported(string package, string algorithm)
    {
        var keyring = OpenPgpKeyring.Load(SignatureFixtures.RpmRsV6Keys);

        var report = RpmPackageVerifier.Verify(Fixtures.Path($"rpms/rpm-rs/tests/assets/RPMS/v6/signed/{package}"), keyring, TestContext.Current.CancellationToken);

        Assert.True(report.DigestsOk);
        var signature = Assert.Single(report.Signatures, c => c.Signature!.AlgorithmName == algorithm);
        Assert.Equal(6, signature.Signature!.Version);
        Assert.Equal(16, signature.Signature.KeyIdHex!.Length);
        Assert.NotNull(signature.Signature.IssuerFingerprint);
        // Ed25519 and RSA v6 signatures verify (Basalt's own v6 code path); ML-DSA is reported as unsupported.
        Assert.Equal(algorithm.StartsWith("ML-DSA", StringComparison.Ordinal) ? RpmCheckResult.Unsupported : RpmCheckResult.Ok, signature.Result);
        Assert.All(report.Signatures, c => Assert.NotEqual(RpmCheckResult.Bad, c.Result));
    }

    [Fact]
    public void Verify_V6SignatureTamperedHeader_Bad()
    {
        using var scratch = new TempDirectory();
        var source = Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/signed/rpm-basic-with-ed25519-2.3.4-5.el9.noarch.rpm");
        var headers = Basalt.Rpm.Format.RpmPackageHeaders.Read(source);
        var bytes = File.ReadAllBytes(source);
        bytes[headers.PayloadOffset - 1] ^= 0x20; // the last byte of the main header's data store
        var tampered = scratch.Path("tampered.rpm");
        File.WriteAllBytes(tampered, bytes);

        var report = RpmPackageVerifier.Verify(tampered, OpenPgpKeyring.Load(SignatureFixtures.RpmRsV6Keys), TestContext.Current.CancellationToken);

        Assert.Equal(RpmCheckResult.Bad, Assert.Single(report.Signatures).Result);
        Assert.False(report.DigestsOk);
    }

    [Fact]
    public void Load_V6KeyFile_SubkeysBoundAndIndexed()
    {
        var keyring = OpenPgpKeyring.Load([Fixtures.Path("rpms/rpm-rs/tests/assets/signing_keys/v6/rpm-testkey-v6-ed25519.asc")]);

        var subkey = Assert.Single(keyring.Keys, k => k.IsSubkey);
        Assert.Equal("715619ae2365d909eb991ff97a509cd76a0bac92f0e17c1c2525812852cedfc5", subkey.FingerprintHex);
        Assert.Equal("715619ae2365d909", subkey.KeyIdHex);
        Assert.Null(subkey.UnusableReason);
    }

    [Fact]
    public void Verify_MultipleOpenPgpSignatures_EachReported()
    {
        var report = RpmPackageVerifier.Verify(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/signed/rpm-basic-multiple-signatures-2.3.4-5.el9.noarch.rpm"),
            null, TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Signatures.Count(c => c.Tag == 278));
    }

    public static TheoryData<string> UnsignedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "rpms/go-rpmutils/testdata", "rpms/rpm/tests/data", "rpms/rpm-rs/tests/assets", "rpms/createrepo_c", "rpms/cavaliergopher-rpm" })
        {
            foreach (var file in Fixtures.Files(folder, "*.rpm"))
            {
                data.Add(SignatureFixtures.Relative(file));
            }
        }

        return data;
    }
}
