using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class InfoCommandTests
{
    public static readonly TheoryData<string> Packages =
    [
        "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-6-0.el6.centos.5.i686.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-4-0.1.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v4/signed/rpm-basic-with-ed25519-2.3.4-5.el9.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-i18n-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/SRPMS/v6/rpm-basic-2.3.4-5.el9.src.rpm",
    ];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Run_Info_MatchesRpmQip(string package)
    {
        ExternalTool.Require("rpm", "rpm");
        var path = Fixtures.Path(package);

        var result = Cli.Run("rpm", "info", path);
        var expected = ExternalTool.Run("rpm", ["-qip", "--nosignature", "--nodigest", path]).EnsureSuccess("rpm -qip");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.StandardOutput, result.StandardOutput);
    }

    [Fact]
    public void Run_InfoJson_GivesTypedViewPerPackage()
    {
        var result = Cli.Run("rpm", "info", "--json",
            Fixtures.Path("rpms/cavaliergopher-rpm/testdata/centos-release-5-0.0.el5.centos.2.x86_64.rpm"),
            Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm"));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var packages = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, packages.Length);
        Assert.Equal("centos-release-10:5-0.0.el5.centos.2.x86_64", packages[0].GetProperty("nevra").GetString());
        Assert.Equal(10, packages[0].GetProperty("epoch").GetInt32());
        Assert.Equal("hello", packages[1].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, packages[1].GetProperty("epoch").ValueKind);
        Assert.Equal(7243, packages[1].GetProperty("installedSize").GetInt64());
        Assert.Equal("2008-11-22T12:00:00Z", packages[1].GetProperty("buildTime").GetString());
        Assert.Equal("hello-2.0-1.src.rpm", packages[1].GetProperty("sourceRpm").GetString());
        Assert.Contains(packages[1].GetProperty("requires").EnumerateArray(),
            d => d.GetProperty("text").GetString() == "rpmlib(CompressedFileNames) <= 3.0.4-1");
    }

    [Fact]
    public void Run_InfoOnGarbage_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("junk.rpm");
        File.WriteAllBytes(path, new byte[300]);

        var result = Cli.Run("rpm", "info", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("basalt: error: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("junk.rpm", result.StandardError, StringComparison.Ordinal);
    }
}
