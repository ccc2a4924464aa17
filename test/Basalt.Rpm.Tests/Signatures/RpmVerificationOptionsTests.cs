using Basalt.Rpm.Signatures;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

/// <summary>RpmVerificationOptions.CheckUncompressedPayload: off, the payload is not decompressed and only its uncompressed checks are left out.</summary>
public sealed class RpmVerificationOptionsTests
{
    private const string Basic = "rpms/rpm-rs/tests/assets/RPMS/v4/rpm-basic-2.3.4-5.el9.noarch.rpm";
    private static readonly RpmVerificationOptions CompressedOnly = new() { CheckUncompressedPayload = false };

    [Fact]
    public void Verify_UncompressedChecksOff_LeavesOutExactlyThoseChecks()
    {
        var full = RpmPackageVerifier.Verify(Fixtures.Path(Basic), null, TestContext.Current.CancellationToken);

        var partial = RpmPackageVerifier.Verify(Fixtures.Path(Basic), null, CompressedOnly, TestContext.Current.CancellationToken);

        Assert.Contains(full.Checks, c => c.Name.Contains("ALT digest", StringComparison.Ordinal));
        Assert.Equal(full.Checks.Where(c => !c.Name.Contains("ALT digest", StringComparison.Ordinal) && c.Name != "Payload size").Select(c => c.ToString()),
            partial.Checks.Select(c => c.ToString()));
        Assert.Contains(partial.Checks, c => c.Name == "Payload SHA256 digest" && c.Result == RpmCheckResult.Ok);
        Assert.True(partial.DigestsOk);
    }

    [Fact]
    public void Verify_UncompressedChecksOffPayloadByteFlipped_StillBad()
    {
        using var scratch = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixtures.Path(Basic));
        bytes[^100] ^= 0xFF;
        var tampered = scratch.Path("tampered.rpm");
        File.WriteAllBytes(tampered, bytes);

        var report = RpmPackageVerifier.Verify(tampered, null, CompressedOnly, TestContext.Current.CancellationToken);

        Assert.Equal(RpmCheckResult.Bad, report.Checks.Single(c => c.Name == "Payload SHA256 digest").Result);
        Assert.False(report.DigestsOk);
    }
}
