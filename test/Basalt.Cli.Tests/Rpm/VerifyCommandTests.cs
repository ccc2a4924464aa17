using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class VerifyCommandTests
{
    private const string Signed = "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64-signed.rpm";
    private const string Key = "rpms/rpm/tests/data/keys/rpm.org-rsa-2048-test.pub";

    [Fact]
    public void Verify_SignedPackageWithItsKey_ExitsZeroWithRpmStyleLines()
    {
        var result = Cli.Run("rpm", "verify", Fixtures.Path(Signed), "--keyring", Fixtures.Path(Key));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    Header V4 RSA/SHA256 Signature, key ID 4344591e1964c5fc: OK\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    Header SHA256 digest: OK\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    Payload SHA256 digest: OK\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    MD5 digest: OK\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith(": digests signatures OK\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedPackageWithoutKeyring_DigestsSufficeExitZero()
    {
        var result = Cli.Run("rpm", "verify", Fixtures.Path(Signed));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("key ID 4344591e1964c5fc: NOKEY (no keyring given)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ForeignKeyring_ExitsOne()
    {
        var result = Cli.Run("rpm", "verify", "--keyring", Fixtures.Path("rpms/cavaliergopher-rpm/testdata/RPM-GPG-KEY-CentOS-7"), "--", Fixtures.Path(Signed));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NO SIGNATURE BY A KEYRING KEY", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CorruptedPackage_ExitsOneNamingTheDigest()
    {
        var result = Cli.Run("rpm", "verify", Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64-corrupted.rpm"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Payload SHA256 digest: BAD (expected 84a7338287bf19715c4eed0243f5cdb447eeb0ade37b2af718d4060aefca2f7c, actual ", result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("DIGESTS NOT OK", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NotAnRpm_ExitsTwo()
    {
        using var scratch = new TempDirectory();
        var bogus = scratch.Path("bogus.rpm");
        File.WriteAllText(bogus, "not a package at all, but long enough to hold a lead of ninety-six bytes......................................");

        var result = Cli.Run("rpm", "verify", bogus, Fixtures.Path(Signed));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an RPM package (bad lead magic at offset 0)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Json_DescribesEveryCheck()
    {
        var result = Cli.Run("rpm", "verify", "--json", "--keyring", Fixtures.Path(Key), "--", Fixtures.Path(Signed));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var package = json.RootElement.GetProperty("packages")[0];
        Assert.True(package.GetProperty("ok").GetBoolean());
        var signature = package.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "signature");
        Assert.Equal("4344591e1964c5fc", signature.GetProperty("keyId").GetString());
        Assert.Equal("RSA", signature.GetProperty("algorithm").GetString());
        Assert.Equal("SHA256", signature.GetProperty("hash").GetString());
        Assert.Equal("OK", signature.GetProperty("result").GetString());
        var digest = package.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == "Header SHA256 digest");
        Assert.Equal(digest.GetProperty("expected").GetString(), digest.GetProperty("actual").GetString());
    }
}
