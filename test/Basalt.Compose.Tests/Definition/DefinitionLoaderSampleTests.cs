using Basalt.Compose.Definition;

namespace Basalt.Compose.Tests.Definition;

public sealed class DefinitionLoaderSampleTests
{
    [Fact]
    public void Load_Sample_IsValidWithItsValues()
    {
        var definition = DefinitionLoader.Load(DefinitionFixture.SamplePath);

        Assert.Equal("container-host", definition.Name);
        Assert.Equal("2026.11.0", definition.Version);
        Assert.Equal(ImageArch.X64, definition.Arch);
        Assert.Equal("container-host", definition.Hostname);
        var repository = Assert.Single(definition.Repositories);
        Assert.Equal("basalt-samples", repository.Id);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(DefinitionFixture.SamplePath)!, "repo"), repository.Path);
        Assert.False(repository.Gpgcheck);
        Assert.Equal(10, repository.Priority);
        Assert.Equal(["basalt-release", "basalt-motd", "basalt-host"], definition.Packages.Install);
        Assert.False(definition.Packages.WeakDeps);
        Assert.Equal(["core", "ops"], definition.Users.Select(u => u.Name));
        Assert.True(definition.Users[0].Locked);
        Assert.Equal("/home/core", definition.Users[0].Home);
        Assert.False(definition.Users[1].Locked);
        Assert.Equal(0b111_101_101, definition.Files.Single(f => f.Path == "/usr/local/bin/host-status").Mode);
        Assert.Equal("", definition.Files.Single(f => f.Path == "/var/lib/containers/.keep").Content);
        Assert.Equal("container-host", definition.OsRelease["IMAGE_ID"]);
        Assert.Equal("2026.11.0", definition.OsRelease["IMAGE_VERSION"]);
        Assert.Equal("stable", definition.OsRelease["BASALT_CHANNEL"]);
        Assert.Equal([OutputFormat.Raw, OutputFormat.Vhd, OutputFormat.Qcow2, OutputFormat.Cosi, OutputFormat.Oci], definition.Outputs);
        Assert.Equal(1793491200, definition.Reproducibility.SourceDateEpoch);
    }

    [Fact]
    public void Load_SampleDisk_RootTakesTheRestOfTheTotal()
    {
        var disk = DefinitionLoader.Load(DefinitionFixture.SamplePath).Disk;

        // 3G − 1M − 128M − 2 × (1G + 16M) − 1M = 862M.
        Assert.Equal(862L << 20, disk.Partitions.Root);
        Assert.Equal(3L << 30, disk.TotalBytes);
        Assert.Equal(2, disk.SlotCount);
    }

    [Fact]
    public void Load_Minimal_AppliesDocumentedDefaults()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal);

        Assert.Equal(ImageArch.X64, definition.Arch);
        Assert.Null(definition.Hostname);
        Assert.True(definition.Packages.WeakDeps);
        Assert.Equal([OutputFormat.Raw], definition.Outputs);
        Assert.Equal("test-1.0.0", definition.Reproducibility.Seed);
        Assert.Null(definition.Reproducibility.SourceDateEpoch);
        Assert.Equal(new Dictionary<string, string> { ["IMAGE_ID"] = "test", ["IMAGE_VERSION"] = "1.0.0" }, definition.OsRelease);
        Assert.True(definition.Disk.AB);
        Assert.Equal(256L << 20, definition.Disk.Partitions.Esp);
        Assert.Equal(2L << 30, definition.Disk.Partitions.Usr);
        Assert.Equal(32L << 20, definition.Disk.Partitions.Verity);
        Assert.Equal(1L << 30, definition.Disk.Partitions.Root);
        Assert.Equal((1 + 256 + (2 * (2048 + 32)) + 1024 + 1) * (1L << 20), definition.Disk.TotalBytes);
    }

    [Fact]
    public void Load_UserDefaults_HomeShellAndLock()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal + "users:\n  - name: root\n  - name: dev\n");

        Assert.Equal("/root", definition.Users[0].Home);
        Assert.Equal("/home/dev", definition.Users[1].Home);
        Assert.Equal("/bin/bash", definition.Users[1].Shell);
        Assert.True(definition.Users[1].Locked);
        Assert.Null(definition.Users[1].Uid);
    }

    [Fact]
    public void Load_FileSource_ResolvesAgainstTheDefinitionFolder()
    {
        var definition = DefinitionFixture.Load(DefinitionFixture.Minimal + "files:\n  - path: /etc/x.conf\n    source: present.conf\n");

        var file = Assert.Single(definition.Files);
        Assert.EndsWith("/present.conf", file.Source, StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(file.Source));
        Assert.Equal(0b110_100_100, file.Mode);
        Assert.Equal("root", file.Owner);
    }
}
