using Basalt.Compose.Install;
using Basalt.Rpm.Payload;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

public sealed class ScriptletClassifierTests
{
    private const string Accounts = "sysusers.d and user()/group() provides → /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow";
    private const string Presets = "systemd presets → enablement symlinks";

    [Theory]
    [InlineData("", "nothing to do")]
    [InlineData("# only a comment\n:\nexit 0\n", "nothing to do")]
    [InlineData("/sbin/ldconfig", "/etc/ld.so.cache written by Basalt")]
    [InlineData("getent group foo >/dev/null || groupadd -r foo\ngetent passwd foo >/dev/null || \\\n  useradd -r -g foo -d /var/lib/foo -s /sbin/nologin -c \"Foo user\" foo\nexit 0\n", Accounts)]
    // The expansion of %sysusers_create_compat in systemd >= 251: a here-document feeds systemd-sysusers.
    [InlineData("systemd-sysusers --replace=/usr/lib/sysusers.d/foo.conf - <<SYSTEMD_INLINE_EOF || :\nu foo - \"Foo\" /var/lib/foo\nSYSTEMD_INLINE_EOF\n", Accounts)]
    // The expansion of %systemd_post foo.service.
    [InlineData("if [ $1 -eq 1 ] && [ -x \"/usr/lib/systemd/systemd-update-helper\" ]; then\n    # Initial installation\n    /usr/lib/systemd/systemd-update-helper install-system-units foo.service || :\nfi\n", Presets)]
    [InlineData("systemctl --no-reload preset foo.service >/dev/null 2>&1 || :", Presets)]
    [InlineData("systemctl enable foo.service; /bin/systemctl daemon-reload", Presets + "; unit files are loaded when the image boots")]
    [InlineData("case \"$1\" in\n  1) systemd-tmpfiles --create foo.conf || : ;;\nesac\n", "tmpfiles.d applied at boot by systemd-tmpfiles-setup.service")]
    [InlineData("for f in a b; do\n  udevadm hwdb --update\ndone\n", "udev rules and hwdb loaded at boot by systemd-udevd and systemd-hwdb-update.service")]
    public void Classify_CoveredShellBody_IsReplacedWithDetail(string body, string detail)
    {
        var interpreter = body == "/sbin/ldconfig" ? new[] { "/sbin/ldconfig" } : ["/bin/sh"];
        var (outcome, actual) = ScriptletClassifier.Classify(interpreter, body == "/sbin/ldconfig" ? "" : body);
        Assert.Equal((ScriptletOutcome.Replaced, detail), (outcome, actual));
    }

    [Theory]
    [InlineData("getent group foo || groupadd foo\nupdate-alternatives --install /usr/bin/x x /usr/bin/y 10\n", "skipped: no declarative equivalent for 'update-alternatives'")]
    [InlineData("systemctl try-restart foo.service", "skipped: 'systemctl try-restart' needs a running system, and none runs while an image is built")]
    [InlineData("echo hello > /etc/motd", "skipped: no declarative equivalent for 'echo' writing '/etc/motd'")]
    [InlineData("X=$(mktemp)\nrm -f \"$X\"", "skipped: no declarative equivalent for 'rm'")]
    [InlineData("systemctl mask foo.service", "skipped: no declarative equivalent for 'systemctl mask'")]
    public void Classify_UncoveredCommand_IsSkippedNamingIt(string body, string detail)
    {
        Assert.Equal((ScriptletOutcome.Skipped, detail), ScriptletClassifier.Classify(["/bin/sh"], body));
    }

    [Theory]
    [InlineData("rpm.execute(\"/sbin/ldconfig\")\n", ScriptletOutcome.Replaced, "/etc/ld.so.cache written by Basalt")]
    [InlineData("-- nothing here\n", ScriptletOutcome.Replaced, "nothing to do")]
    [InlineData("os.execute(\"systemctl preset foo.service\")", ScriptletOutcome.Replaced, Presets)]
    [InlineData("posix.unlink(\"/etc/x\")", ScriptletOutcome.Skipped, "skipped: no declarative equivalent for Lua code 'posix.unlink(\"/etc/x\")'")]
    public void Classify_LuaBody_UnderstandsExecuteCalls(string body, ScriptletOutcome outcome, string detail)
    {
        Assert.Equal((outcome, detail), ScriptletClassifier.Classify(["<lua>"], body));
    }

    [Fact]
    public void Classify_PythonScript_IsSkippedNamingTheInterpreter()
    {
        Assert.Equal((ScriptletOutcome.Skipped, "skipped: no declarative equivalent for a '/usr/bin/python3' script"),
            ScriptletClassifier.Classify(["/usr/bin/python3"], "print(1)"));
    }

    [Fact]
    public void Classify_RealFixturePackages_ClassifiesEveryScriptletAndTrigger()
    {
        var records = new List<ScriptletRecord>();
        foreach (var fixture in new[]
        {
            "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm",
            "rpms/rpm-rs/historical@2aa5d15/test_assets/freesrp-udev-0.3.0-1.25.x86_64.rpm",
            "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-scriptlets-1.0-1.noarch.rpm",
            "rpms/cavaliergopher-rpm/testdata/centos-release-4-0.1.x86_64.rpm",
            "rpms/rpm/tests/data/RPMS/luafork-1.0-1.noarch.rpm",
        })
        {
            using var reader = RpmPayloadReader.Open(Fixtures.Path(fixture));
            records.AddRange(ScriptletClassifier.Classify(reader.Package.Nevra.ToString(), reader.Package));
        }

        var lines = records.Select(r => $"{r.Package} {r.Scriptlet} [{r.Interpreter}] {r.Outcome}: {r.Detail}").ToList();
        Assert.Contains($"monkeysphere-0.37-1.el7.noarch %pre [/bin/sh] Replaced: {Accounts}", lines);
        Assert.Contains("freesrp-udev-0.3.0-1.25.x86_64 %post [/bin/sh] Replaced: nothing to do", lines);
        Assert.Contains("freesrp-udev-0.3.0-1.25.x86_64 %postun [/bin/sh] Replaced: nothing to do", lines);
        Assert.Contains("centos-release-6:4-0.1.x86_64 %triggerpostun(redhat-release) [/bin/sh] Skipped: skipped: no declarative equivalent for 'mv'", lines);
        Assert.Contains("luafork-1.0-1.noarch %pre [<lua>] Skipped: skipped: no declarative equivalent for Lua code 'local pid = posix.fork()'", lines);
        // rpm-scriptlets has 7 scriptlets (echo only) and 10 triggers of all three families.
        var scriptlets = records.Where(r => r.Package.StartsWith("rpm-scriptlets", StringComparison.Ordinal)).Select(r => r.Scriptlet).ToList();
        Assert.Equal(17, scriptlets.Count);
        Assert.Contains("%pretrans", scriptlets);
        Assert.Contains("%verifyscript", scriptlets);
        Assert.Contains("%triggerin(bash)", scriptlets);
        Assert.Contains("%filetriggerin(/usr/lib)", scriptlets);
        Assert.Contains("%transfiletriggerpostun(/usr/bin)", scriptlets);
    }
}
