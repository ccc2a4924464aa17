using Basalt.Compose.Machines;

namespace Basalt.Compose.Tests.Machines;

public sealed class GlobTests
{
    [Theory]
    [InlineData("basalt-*", "basalt-6.1.0.conf", true)]
    [InlineData("basalt-*", "other-6.1.0.conf", false)]
    [InlineData("BASALT-*", "basalt-1.conf", true)]
    [InlineData("basalt-?.conf", "basalt-1.conf", true)]
    [InlineData("basalt-?.conf", "basalt-12.conf", false)]
    [InlineData("basalt-[0-4]*", "basalt-3.conf", true)]
    [InlineData("basalt-[!0-4]*", "basalt-3.conf", false)]
    [InlineData("*.efi", "basalt.efi", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("exact.conf", "exact.conf", true)]
    public void IsMatch_Examples(string pattern, string text, bool expected) => Assert.Equal(expected, Glob.IsMatch(pattern, text));
}
