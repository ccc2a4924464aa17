using Basalt.Compose.Install;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

public sealed class CapabilityTextTests
{
    // Expected values: `setcap TEXT f; getfattr -n security.capability -e hex f` with libcap2-bin 2.66 on Linux 6.x.
    [Theory]
    [InlineData("cap_net_raw=ep", "0100000200200000000000000000000000000000")]
    [InlineData("cap_sys_ptrace,cap_sys_admin=ep", "0100000200002800000000000000000000000000")]
    [InlineData("=", "0000000200000000000000000000000000000000")]
    [InlineData("cap_net_bind_service+i", "0000000200000000000400000000000000000000")]
    [InlineData("cap_chown=p cap_kill=i", "0000000201000000200000000000000000000000")]
    [InlineData("all=ep", "01000002ffffffff00000000ff01000000000000")]
    [InlineData("cap_setfcap,cap_checkpoint_restore=eip", "0100000200000080000000800001000000010000")]
    [InlineData("CAP_NET_RAW+EP", "0100000200200000000000000000000000000000")]
    [InlineData("=ep cap_chown-ep", "01000002feffffff00000000ff01000000000000")]
    public void Encode_SetcapText_MatchesSetcapBytes(string text, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(CapabilityText.Encode(text)));
    }

    [Theory]
    [InlineData("cap_bogus=ep", "File capabilities 'cap_bogus=ep': 'cap_bogus' is not a capability name.")]
    [InlineData("cap_chown", "File capabilities 'cap_chown': clause 'cap_chown' has no operator (=, + or -).")]
    [InlineData("cap_chown=x", "File capabilities 'cap_chown=x': 'x' in clause 'cap_chown=x' is not a flag (e, i, p).")]
    [InlineData("cap_chown=ep cap_kill=p",
        "File capabilities 'cap_chown=ep cap_kill=p': the effective set must be empty or equal to permitted|inheritable, as a file stores one effective flag.")]
    public void Encode_InvalidText_ThrowsNamingTheProblem(string text, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => CapabilityText.Encode(text));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Encode_WithSetcapAvailable_MatchesLiveSetcap()
    {
        var setcap = ExternalTool.Find("setcap");
        if (setcap is null || Environment.UserName != "root")
        {
            Assert.Skip("setcap (libcap2-bin) and root are needed to write security.capability on a real file.");
        }

        using var temp = new TempDirectory();
        var file = temp.Path("f");
        File.WriteAllText(file, "x");
        const string text = "cap_dac_override,cap_sys_nice+ep";
        var set = ExternalTool.Run(setcap, [text, file]);
        Assert.Equal(0, set.ExitCode);
        var dump = ExternalTool.Run("/usr/bin/python3", ["-c", $"import os;print(os.getxattr('{file}','security.capability').hex())"]);
        Assert.Equal(dump.StandardOutput.Trim(), Convert.ToHexStringLower(CapabilityText.Encode(text)));
    }
}
