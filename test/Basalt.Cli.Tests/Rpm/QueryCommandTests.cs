using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class QueryCommandTests
{
    private static readonly string[] Packages =
    [
        "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-5-0.0.el5.centos.2.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-scriptlets-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/SRPMS/v6/rpm-basic-2.3.4-5.el9.src.rpm",
    ];

    public static readonly TheoryData<string> Formats =
    [
        @"%{NEVRA}\n",
        @"[%{REQUIRENAME} %{REQUIREFLAGS:depflags} %{REQUIREVERSION}\n]",
        @"[%-40{FILENAMES} %{FILEMODES:perms} %{FILEUSERNAME} %{FILEGROUPNAME} %10{FILESIZES} %{FILEDIGESTS} %{FILELINKTOS} %{FILEFLAGS:fflags}\n]",
        @"%|PREIN?{%{PREIN}}:{no pre}|\n[%{TRIGGERTYPE} %{TRIGGERCONDS}\n]%{BUILDTIME:date} %{SIZE:hex} %{SIZE:octal} %{#FILENAMES}\n",
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Run_Query_MatchesRpmByteForByte(string format)
    {
        ExternalTool.Require("rpm", "rpm");
        var paths = Packages.Select(Fixtures.Path).ToArray();

        var result = Cli.Run(["rpm", "query", "--queryformat", format, .. paths]);
        var expected = ExternalTool.Run("rpm", ["-qp", "--nosignature", "--nodigest", "--qf", format, .. paths]).EnsureSuccess("rpm -qp");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.StandardOutputBytes, result.StandardOutputBytes);
    }

    [Fact]
    public void Run_QfAlias_PrintsNevra()
    {
        var result = Cli.Run("rpm", "query", "--qf", "%{NAME}-%{VERSION}", Fixtures.Path(Packages[0]));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello-2.0", result.StandardOutput);
    }

    [Fact]
    public void Run_MalformedFormat_ExitsTwoNamingTheOffset()
    {
        var result = Cli.Run("rpm", "query", "--qf", "%{NAME", Fixtures.Path(Packages[0]));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("basalt: error: Query format: missing } after %{ at offset 1.\n", result.StandardError);
        Assert.Empty(result.StandardOutputBytes);
    }

    [Fact]
    public void Run_DifferentSizedArrays_ReportsAndContinuesLikeRpm()
    {
        // rpm prints nothing for a package whose arrays differ in size (hello: 1 name, 5 files), and still prints
        // the others (rpm-empty has no files, so the array runs over NAME alone).
        ExternalTool.Require("rpm", "rpm");
        string[] paths = [Fixtures.Path(Packages[0]), Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-empty-0-0.x86_64.rpm")];
        var result = Cli.Run(["rpm", "query", "--qf", "[%{NAME} %{FILENAMES}\n]", .. paths]);
        var expected = ExternalTool.Run("rpm", ["-qp", "--nosignature", "--nodigest", "--qf", "[%{NAME} %{FILENAMES}\n]", .. paths]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("rpm-empty (none)\n", result.StandardOutput);
        Assert.Equal(expected.StandardOutputBytes, result.StandardOutputBytes);
        Assert.Contains("array iterator used with different sized arrays", result.StandardError, StringComparison.Ordinal);
    }
}
