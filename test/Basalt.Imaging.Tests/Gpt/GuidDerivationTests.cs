using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Tests.Gpt;

public sealed class GuidDerivationTests
{
    [Fact]
    public void Derive_SameInput_SameVersion4Guid()
    {
        var a = GuidDerivation.Derive("seed"u8, "root");
        Assert.Equal(a, GuidDerivation.Derive("seed"u8, "root"));
        Assert.NotEqual(a, GuidDerivation.Derive("seed"u8, "usr"));
        Assert.Equal(4, a.Version);
        Assert.Contains(a.ToString()[19], "89ab");
    }

    [Fact]
    public void Derive_KnownVector_MatchesPythonHmac()
    {
        // python3: hmac.new(b'seed', b'root', sha256).digest()[:16] with v4/RFC 4122 bits, printed by uuid.UUID(bytes=…).
        Assert.Equal(new Guid("f063ba87-338c-4d24-b8e4-6aa5c2eb0d68"), GuidDerivation.Derive("seed"u8, "root"));
    }
}
