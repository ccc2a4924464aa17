using System.Text;
using Basalt.Compose.Boot;
using Basalt.Compose.Tests.Boot.Initrd;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot;

/// <summary>The generated /init: valid for the busybox shell that runs it, modules in the order given, soft ones optional.</summary>
public sealed class InitScriptTests
{
    private static readonly (string, bool)[] Modules =
    [
        ("/usr/lib/modules/6.1/kernel/drivers/md/dm-mod.ko", true),
        ("/usr/lib/modules/6.1/kernel/arch/x86/crypto/crc32c-intel.ko", false),
        ("/usr/lib/modules/6.1/kernel/drivers/md/dm-verity.ko", true),
    ];

    [Fact]
    public void Generate_DebianBusybox_ParsesTheScript()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Path("init"), InitScript.Generate("/usr/bin/busybox", "/usr/sbin/veritysetup", Modules));

        var result = ExternalTool.Run(Path.Combine(DebianBoot.Directory, "bin", "busybox"), ["sh", "-n", temp.Path("init")]);

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public void Generate_Modules_LoadsThemInOrderRequiredOrOptional()
    {
        var script = Encoding.UTF8.GetString(InitScript.Generate("/usr/bin/busybox", "/usr/sbin/veritysetup", Modules));

        var loads = script.Split('\n').Where(line => line.StartsWith("load_", StringComparison.Ordinal) && !line.Contains("()", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "load_module /usr/lib/modules/6.1/kernel/drivers/md/dm-mod.ko",
            "load_optional_module /usr/lib/modules/6.1/kernel/arch/x86/crypto/crc32c-intel.ko",
            "load_module /usr/lib/modules/6.1/kernel/drivers/md/dm-verity.ko",
        ], loads);
        Assert.StartsWith("#!/usr/bin/busybox sh\n", script, StringComparison.Ordinal);
        Assert.Contains("DM_DISABLE_UDEV=1 /usr/sbin/veritysetup open \"/dev/$data\" usr \"/dev/$hash\" \"$usrhash\"", script, StringComparison.Ordinal);
        Assert.Contains("done < \"/sysroot/usr/lib/tmpfiles.d/basalt-factory.conf\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPartition_UuidFromTheRootHash_MatchesTheGptBytesOfOurDisks()
    {
        // The script turns usrhash's first 32 digits into the GUID's on-disk bytes with ash substrings; do the same
        // here and compare with what .NET writes for the UUID Basalt gives usr-A (ImageIdentity.FromRootHash).
        var rootHash = Convert.FromHexString("0123456789abcdef00112233445566778899aabbccddeeff0f1e2d3c4b5a6978");
        var (data, _) = Compose.Outputs.ImageIdentity.FromRootHash(rootHash);
        var u = Convert.ToHexStringLower(rootHash)[..32];
        var fromScript = u[6..8] + u[4..6] + u[2..4] + u[0..2] + u[10..12] + u[8..10] + u[14..16] + u[12..14] + u[16..32];

        Assert.Equal(Convert.ToHexStringLower(data.ToByteArray()), fromScript);
        Assert.Contains("want=${u:6:2}${u:4:2}${u:2:2}${u:0:2}${u:10:2}${u:8:2}${u:14:2}${u:12:2}${u:16:16}",
            Encoding.UTF8.GetString(InitScript.Generate("/b", "/v", [])), StringComparison.Ordinal);
    }
}
