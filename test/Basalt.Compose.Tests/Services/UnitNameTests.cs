using Basalt.Compose.Services;

namespace Basalt.Compose.Tests.Services;

public sealed class UnitNameTests
{
    [Theory]
    [InlineData("sshd.service", true)]
    [InlineData("getty@.service", true)]
    [InlineData("getty@tty1.service", true)]
    [InlineData("system-systemd\\x2dcryptsetup.slice", true)]
    [InlineData("@.service", false)]
    [InlineData("sshd", false)]
    [InlineData("sshd.conf", false)]
    [InlineData("a b.service", false)]
    public void IsValid_Names_AsSystemd(string name, bool valid) => Assert.Equal(valid, UnitName.IsValid(name));

    [Theory]
    [InlineData("*", "anything.service", true)]
    [InlineData("systemd-journal-gatewayd.*", "systemd-journal-gatewayd.socket", true)]
    [InlineData("e2scrub*", "fstrim.timer", false)]
    [InlineData("getty@tty[0-9].service", "getty@tty1.service", true)]
    [InlineData("getty@tty[!0-9].service", "getty@tty1.service", false)]
    [InlineData("a?c.service", "abc.service", true)]
    public void Match_Globs_AsFnmatch(string pattern, string name, bool match) => Assert.Equal(match, UnitGlob.Match(pattern, name));

    [Fact]
    public void ExpandSpecifiers_InstanceSpecifiers_Expanded()
    {
        Assert.Equal("getty@tty1.service getty tty1 getty", UnitName.ExpandSpecifiers("%n %p %i %j", "getty@tty1.service"));
        Assert.Equal("a-b-bc bc", UnitName.ExpandSpecifiers("%p %j", "a-b-bc@x.service"));
        Assert.Null(UnitName.ExpandSpecifiers("%H", "getty@tty1.service"));
    }
}
