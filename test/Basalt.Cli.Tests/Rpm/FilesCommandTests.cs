using System.Text.Json;
using Basalt.Cli.Commands.Rpm;
using Basalt.Rpm.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class FilesCommandTests
{
    public static readonly TheoryData<string> Packages =
    [
        "rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-7-2.1511.el7.centos.2.10.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-types-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-empty-0-0.x86_64.rpm",
        "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm",
    ];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Run_Files_MatchesRpmQlp(string package)
    {
        ExternalTool.Require("rpm", "rpm");
        var path = Fixtures.Path(package);

        var result = Cli.Run("rpm", "files", path);
        var expected = ExternalTool.Run("rpm", ["-qlp", "--nosignature", "--nodigest", path]).EnsureSuccess("rpm -qlp");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.StandardOutput, result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Run_FilesLong_MatchesRpmQlvp(string package)
    {
        ExternalTool.Require("rpm", "rpm");
        var path = Fixtures.Path(package);

        var result = Cli.Run("rpm", "files", "--long", path);
        var expected = ExternalTool.Run("rpm", ["-qlvp", "--nosignature", "--nodigest", path]).EnsureSuccess("rpm -qlvp");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.StandardOutput, result.StandardOutput);
    }

    [Fact]
    public void Run_FilesJson_DescribesSymlinksAndFlags()
    {
        var result = Cli.Run("rpm", "files", "--json", Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm"));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var files = json.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Equal("symlink", files["/opt/rpm-file-attrs/symlink"].GetProperty("type").GetString());
        Assert.Equal(["config", "noreplace"], files["/opt/rpm-file-attrs/config_noreplace"].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("jane", files["/opt/rpm-file-attrs/different-owner-and-group"].GetProperty("user").GetString());
    }

    [Fact]
    public void LongLine_RecentAndFutureFiles_FollowLsDateRule()
    {
        var file = new RpmFileInfo("/x", 0x81A4, 3, "root", "root", 1_700_000_000, "", "", RpmFileFlags.None, 1, 1, 0, "", "", 1);

        Assert.Matches(@"^-rw-r--r--    1 root     root                        3 Nov 1\d \d\d:\d\d /x$", FilesCommand.LongLine(file, 1_700_000_000 + 60));
        Assert.Matches(@" Nov 1\d  2023 /x$", FilesCommand.LongLine(file, 1_700_000_000 + 15_552_001));
        Assert.Matches(@" Nov 1\d  2023 /x$", FilesCommand.LongLine(file, 1_700_000_000 - 3601));
    }
}
