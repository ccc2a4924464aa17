using System.Text;
using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Layout;

/// <summary>The layout from a definition as <see cref="DefinitionLoader"/> returns it (defaults applied), not a hand-made record.</summary>
public sealed class LoadedDefinitionTests
{
    private const string Yaml = """
        name: edge-host
        version: 2026.11.0
        arch: aarch64
        repositories:
          - {id: local, path: repo, gpgcheck: false}
        packages: {install: [hello]}
        os_release:
          ID: basalt
          PRETTY_NAME: Basalt Edge 2026.11.0
        kernel_cmdline: [quiet]
        disk:
          size: 3G
          partitions: {esp: 128M, usr: 1G}

        """;

    [Fact]
    public void Build_LoadedDefinition_UsesItsDefaultsAndArchitecture()
    {
        using var directory = new TempDirectory("compose-loaded");
        var definition = DefinitionLoader.Parse(Yaml, directory.FullPath, "image.yaml");

        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, 1_793_491_200);

        var osRelease = OsReleaseFile.Parse(Encoding.UTF8.GetString(((RegularFileNode)trees.Usr.Get("/lib/os-release")).Content.ReadAllBytes()));
        Assert.Equal(("basalt", "edge-host", "2026.11.0", "Basalt Edge 2026.11.0"), (osRelease["ID"], osRelease["IMAGE_ID"], osRelease["IMAGE_VERSION"], osRelease["PRETTY_NAME"]));
        Assert.False(trees.Root.Contains("/etc/hostname"));
        var repart = Encoding.UTF8.GetString(((RegularFileNode)trees.Usr.Get("/lib/repart.d/50-root.conf")).Content.ReadAllBytes());
        Assert.Contains("Label=root-arm64\n", repart, StringComparison.Ordinal);
        Assert.Contains($"SizeMinBytes={definition.Disk.Partitions.Root}\n", repart, StringComparison.Ordinal);
        Assert.Equal(3L * 1024 * 1024 * 1024, definition.Disk.TotalBytes);
        Assert.Equal(GptPartitionTypes.UsrArm64, Architecture.UsrType(definition.Arch));
        var entry = Encoding.UTF8.GetString(EspLayout.Entries(trees.Esp).Single().File.Content.ReadAllBytes());
        Assert.Contains("title Basalt Edge 2026.11.0\n", entry, StringComparison.Ordinal);
        Assert.Contains("architecture aa64\n", entry, StringComparison.Ordinal);
        Assert.Contains("linux /edge-host/6.1.0-test/linux\n", entry, StringComparison.Ordinal);
    }
}
