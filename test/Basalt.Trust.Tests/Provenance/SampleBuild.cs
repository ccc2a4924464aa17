using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Tests.Provenance;

/// <summary>A small but complete build record; digests are SHA-256 of names so they are valid and distinct.</summary>
internal static class SampleBuild
{
    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static BuildRecord Create() => new()
    {
        ImageName = "container-host",
        ImageVersion = "2026.11.1",
        Arch = "x86_64",
        SourceDateEpoch = 1_764_000_000,
        Seed = "container-host-seed",
        DefinitionPath = "samples/container-host/image.yaml",
        DefinitionSha256 = Sha("definition"),
        Options = new Dictionary<string, string> { ["lockfile"] = "image.lock", ["arch"] = "x86_64" },
        DistroId = "basalt",
        DistroVersionId = "2026.11",
        Packages =
        [
            Package("filesystem-3.18-6.basalt.x86_64", "filesystem", null, "3.18", "6.basalt"),
            Package("bash-5.2.26-3.basalt.x86_64", "bash", null, "5.2.26", "3.basalt"),
            Package("libstdc++-14.2.1-1.basalt.x86_64", "libstdc++", null, "14.2.1", "1.basalt"),
            Package("shadow-utils-2:4.15.1-1.basalt.x86_64", "shadow-utils", 2, "4.15.1", "1.basalt"),
        ],
        Repositories =
        [
            new BuildRepository("updates", "https://repo.example.org/updates/x86_64/", Sha("repomd-updates")),
            new BuildRepository("base", "file:///srv/repos/base", Sha("repomd-base")),
        ],
        Artifacts =
        [
            new BuildArtifact("container-host.raw", Sha("raw"), 1_073_741_824),
            new BuildArtifact("container-host.cosi", Sha("cosi"), 400_000_000),
            new BuildArtifact("container-host.oci", Sha("oci index"), 1_234),
        ],
        BasaltVersion = "0.1.0+abc123",
        InvocationId = "urn:uuid:5f0c2a8e-4a7b-5c1d-9e3f-0a1b2c3d4e5f",
        StartedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000),
        FinishedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000).AddMilliseconds(1_500),
    };

    private static BuildPackage Package(string nevra, string name, long? epoch, string version, string release)
        => new(nevra, name, epoch, version, release, "x86_64", $"{name}-{version}-{release}.src.rpm", "MIT", "Basalt", null,
            "base", $"file:///srv/repos/base/Packages/{nevra}.rpm", Sha(nevra), 1000, []);
}
