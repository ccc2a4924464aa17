using Basalt.Packaging;
using Basalt.Rpm.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Metadata;

/// <summary>The typed view on the rpm-rs feature packages and on real distro packages.</summary>
public sealed class RpmPackageInfoTests
{
    private const string V6 = "rpms/rpm-rs/tests/assets/RPMS/v6/";

    private static RpmPackageInfo Read(string relative) => RpmPackageInfo.Read(Fixtures.Path(relative));

    [Fact]
    public void FromHeader_FileAttrs_DecodesFlagsOwnersCapabilitiesAndLinks()
    {
        var info = Read(V6 + "rpm-file-attrs-1.0-1.noarch.rpm");
        var files = info.Files.ToDictionary(f => f.Path);

        Assert.Equal(RpmFileFlags.Config | RpmFileFlags.NoReplace, files["/opt/rpm-file-attrs/config_noreplace"].Flags);
        Assert.True(files["/opt/rpm-file-attrs/config"].IsConfig);
        Assert.True(files["/opt/rpm-file-attrs/ghost"].IsGhost);
        Assert.True(files["/opt/rpm-file-attrs/doc"].IsDoc);
        Assert.True(files["/opt/rpm-file-attrs/license"].IsLicense);
        Assert.Equal(RpmFileFlags.MissingOk, files["/opt/rpm-file-attrs/missingok"].Flags);
        Assert.Equal(RpmFileFlags.Readme, files["/opt/rpm-file-attrs/readme"].Flags);
        Assert.Equal(RpmFileFlags.Artifact, files["/opt/rpm-file-attrs/artifact"].Flags);
        Assert.Equal(("jane", "bob"), (files["/opt/rpm-file-attrs/different-owner-and-group"].User, files["/opt/rpm-file-attrs/different-owner-and-group"].Group));
        Assert.Equal("cap_sys_ptrace,cap_sys_admin=ep", files["/opt/rpm-file-attrs/with_caps"].Capability);
        Assert.Equal("=", files["/opt/rpm-file-attrs/empty_caps"].Capability);
        Assert.Equal("", files["/opt/rpm-file-attrs/example-binary"].Capability);
        Assert.True(files["/opt/rpm-file-attrs/symlink"].IsSymlink);
        Assert.NotEqual("", files["/opt/rpm-file-attrs/symlink"].LinkTarget);
        Assert.True(files["/opt/rpm-file-attrs/dir"].IsDirectory);
        Assert.Equal("drwxr-xr-x", files["/opt/rpm-file-attrs/dir"].PermissionString);
        Assert.Equal(RpmDigestAlgorithm.Sha256, info.FileDigestAlgorithm);
        Assert.Equal(64, files["/opt/rpm-file-attrs/config"].Digest.Length);
    }

    [Fact]
    public void FromHeader_Hardlinks_GroupsFilesByDeviceAndInode()
    {
        var info = Read(V6 + "rpm-hardlinks-1.0-1.noarch.rpm");

        var groups = info.HardLinkGroups.Select(g => g.Select(f => Path.GetFileName(f.Path)).ToArray()).ToArray();
        Assert.Equal([["alpha-1", "alpha-2", "alpha-3"], ["beta-1", "beta-2"]], groups);
        Assert.Equal(1, info.Files.Single(f => f.Path.EndsWith("standalone", StringComparison.Ordinal)).LinkCount);
    }

    [Fact]
    public void FromHeader_Scriptlets_ReadsEveryKindTriggersAndFileTriggers()
    {
        var info = Read(V6 + "rpm-scriptlets-1.0-1.noarch.rpm");

        Assert.Equal(
            [RpmScriptletKind.PreTrans, RpmScriptletKind.Pre, RpmScriptletKind.Post, RpmScriptletKind.PreUn, RpmScriptletKind.PostUn, RpmScriptletKind.PostTrans, RpmScriptletKind.Verify],
            info.Scriptlets.Select(s => s.Kind));
        var pre = info.Scriptlets.Single(s => s.Kind == RpmScriptletKind.Pre);
        Assert.Equal("/bin/sh", pre.Program);
        Assert.StartsWith("echo \"pre-install\"", pre.Body, StringComparison.Ordinal);

        var package = info.Triggers.Where(t => t.Scope == RpmTriggerScope.Package).ToArray();
        Assert.Equal([RpmTriggerKind.PreIn, RpmTriggerKind.In, RpmTriggerKind.Un, RpmTriggerKind.PostUn], package.Select(t => t.Kind));
        Assert.Equal("bash > 5.0", package[1].Conditions.Single().ToString());
        Assert.Equal("bash <= 6.0", package[2].Conditions.Single().ToString());
        Assert.Contains("trigger-install on bash > 5.0", package[1].Body, StringComparison.Ordinal);

        var file = info.Triggers.Where(t => t.Scope == RpmTriggerScope.File).ToArray();
        Assert.Equal(3, file.Length);
        Assert.All(file, t => Assert.Equal("/usr/lib", t.Conditions.Single().Name));
        Assert.All(file, t => Assert.Equal(1000000, t.Priority));
        var transaction = info.Triggers.Where(t => t.Scope == RpmTriggerScope.TransactionFile).ToArray();
        Assert.Equal([RpmTriggerKind.In, RpmTriggerKind.Un, RpmTriggerKind.PostUn], transaction.Select(t => t.Kind));
        Assert.All(transaction, t => Assert.Equal("/usr/bin", t.Conditions.Single().Name));
    }

    [Fact]
    public void FromHeader_RichDeps_KeepsBooleanDependenciesWhole()
    {
        var info = Read(V6 + "rpm-rich-deps-1.0-1.noarch.rpm");
        var all = info.Requires.Concat(info.Conflicts).Concat(info.Recommends).Concat(info.Suggests)
            .Concat(info.Supplements).Concat(info.Enhances).Concat(info.Obsoletes).Concat(info.Provides);

        Assert.Equal(19, all.Count(d => d.IsRich));
        Assert.Contains(info.Requires, d => d.Name == "(pkgA or pkgB)" && d.Flags == DependencyFlags.None);
        Assert.Contains(info.Requires, d => d.Name == "rpmlib(RichDependencies)" && d.Sense == (DependencyFlags.Less | DependencyFlags.Equal) && d.Version == "4.12.0-1");
    }

    [Fact]
    public void FromHeader_I18n_ShowsTheCLocaleTextAndFileLanguages()
    {
        var info = Read(V6 + "rpm-i18n-1.0-1.noarch.rpm");

        Assert.Equal("Test RPM internationalization features", info.Summary);
        Assert.Equal(["", "de", "en", "fr", "ja", "zh_CN"], info.Files.Select(f => f.Language));
    }

    [Fact]
    public void FromHeader_CentOs5_HasEpochDsaEraDigestsAndIdentity()
    {
        var info = Read("rpms/cavaliergopher-rpm/testdata/centos-release-5-0.0.el5.centos.2.x86_64.rpm");

        Assert.Equal(new Nevra("centos-release", 10, "5", "0.0.el5.centos.2", "x86_64"), info.Nevra);
        Assert.Equal("centos-release-10:5-0.0.el5.centos.2.x86_64", info.Nevra.ToString());
        Assert.False(info.IsSource);
        Assert.Equal("CentOS", info.Vendor);
        Assert.Equal(RpmDigestAlgorithm.Md5, info.FileDigestAlgorithm);
        Assert.All(info.Files.Where(f => f.IsRegular), f => Assert.Equal(32, f.Digest.Length));
        Assert.Equal("gzip", info.PayloadCompressor);
    }

    [Fact]
    public void FromHeader_RealFedoraPackage_ReadsZstdPayloadAndSymlinks()
    {
        var info = Read("rpms/rpm-rs/historical@2aa5d15/test_assets/rpm-sign-4.15.1-1.fc31.x86_64.rpm");

        Assert.Equal("rpm-sign-4.15.1-1.fc31.x86_64", info.Nevra.ToString());
        Assert.Equal("zstd", info.PayloadCompressor);
        Assert.Equal("cpio", info.PayloadFormat);
        Assert.Equal("rpm-4.15.1-1.fc31.src.rpm", info.SourceRpm);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(info.BuildTime.ToUnixTimeSeconds()), info.BuildTime);
        Assert.NotEmpty(info.Requires);
        Assert.Contains(info.Files, f => f.Path == "/usr/bin/rpmsign");
    }

    [Fact]
    public void FromHeader_Monkeysphere_HasPreScriptletAndSixSymlinks()
    {
        var info = Read("rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm");

        Assert.Contains(info.Scriptlets, s => s.Kind == RpmScriptletKind.Pre);
        Assert.Equal(6, info.Files.Count(f => f.IsSymlink));
    }

    [Fact]
    public void FromHeader_SourcePackage_IsSource()
    {
        var info = Read("rpms/rpm-rs/tests/assets/SRPMS/v6/rpm-basic-2.3.4-5.el9.src.rpm");

        Assert.True(info.IsSource);
        Assert.Equal("", info.SourceRpm);
        Assert.Contains(info.Files, f => (f.Flags & RpmFileFlags.SpecFile) != 0);
    }

    [Fact]
    public void FromHeader_Capstest_ReadsCapabilities()
    {
        var info = Read("rpms/rpm/tests/data/RPMS/capstest-1.0-1.noarch.rpm");

        Assert.Equal(["=", "=", ""], info.Files.Select(f => f.Capability));
    }
}
