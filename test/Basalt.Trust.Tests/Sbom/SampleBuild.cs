namespace Basalt.Trust.Tests.Sbom;

/// <summary>
/// A realistic build record: a small Fedora-style image with a noarch package, an epoch, an old-style license tag,
/// a '+' in a name, a vendor with spaces and capitals, two binaries from one source RPM, and three artefacts.
/// </summary>
internal static class SampleBuild
{
    public const string Filesystem = "filesystem-3.18-8.fc40.x86_64";
    public const string Glibc = "glibc-2.39-17.fc40.x86_64";
    public const string GlibcCommon = "glibc-common-2.39-17.fc40.x86_64";
    public const string Bash = "bash-5.2.26-3.fc40.x86_64";
    public const string ShadowUtils = "shadow-utils-2:4.15.1-1.fc40.x86_64";
    public const string Libstdcxx = "libstdc++-14.1.1-7.fc40.x86_64";

    public static BuildRecord Create(string seed = "demo-seed-1") => new()
    {
        ImageName = "basalt-demo",
        ImageVersion = "2026.11.1",
        Arch = "x86_64",
        SourceDateEpoch = 1_764_028_800, // 2025-11-25T00:00:00Z
        Seed = seed,
        DefinitionPath = "samples/demo/image.yaml",
        DefinitionSha256 = new string('d', 64),
        Options = new Dictionary<string, string> { ["lockfile"] = "samples/demo/image.lock" },
        DistroId = "basalt",
        DistroVersionId = "2026.11",
        Packages =
        [
            Package(Filesystem, "filesystem", null, "3.18", "8.fc40", "filesystem-3.18-8.fc40.src.rpm", "Public Domain", []),
            Package(Glibc, "glibc", null, "2.39", "17.fc40", "glibc-2.39-17.fc40.src.rpm",
                "LGPL-2.1-or-later AND SunPro AND LGPL-2.1-or-later WITH GCC-exception-2.0 AND BSD-3-Clause AND GPL-2.0-or-later",
                [Filesystem, GlibcCommon]),
            Package(GlibcCommon, "glibc-common", null, "2.39", "17.fc40", "glibc-2.39-17.fc40.src.rpm",
                "LGPL-2.1-or-later AND GPL-2.0-or-later", [Glibc]),
            Package(Bash, "bash", null, "5.2.26", "3.fc40", "bash-5.2.26-3.fc40.src.rpm", "GPL-3.0-or-later", [Filesystem, Glibc]),
            Package(ShadowUtils, "shadow-utils", 2, "4.15.1", "1.fc40", "shadow-utils-4.15.1-1.fc40.src.rpm", "BSD and GPLv2+", [Glibc]),
            Package(Libstdcxx, "libstdc++", null, "14.1.1", "7.fc40", "gcc-14.1.1-7.fc40.src.rpm",
                "GPL-3.0-or-later WITH GCC-exception-3.1", [Glibc]) with { Vendor = "Example Vendor Inc." },
        ],
        Repositories =
        [
            new BuildRepository("fedora", "https://dl.example.org/fedora/40/x86_64/os/", new string('a', 64)),
        ],
        Artifacts =
        [
            new BuildArtifact("basalt-demo.raw", new string('1', 64), 2_147_483_648),
            new BuildArtifact("basalt-demo.cosi", new string('2', 64), 512_000_000),
            new BuildArtifact("basalt-demo.vhd", new string('3', 64), 2_147_484_160),
        ],
        BasaltVersion = "0.1.0",
        InvocationId = "invocation-1",
        StartedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_028_800),
        FinishedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_028_800),
    };

    public static BuildPackage Package(string nevra, string name, long? epoch, string version, string release, string? sourceRpm, string? license, string[] requires) =>
        new(nevra, name, epoch, version, release, "x86_64", sourceRpm, license, "Fedora Project", "Fedora Project <https://bugz.fedoraproject.org>",
            "fedora", $"https://dl.example.org/fedora/40/x86_64/os/Packages/{name[0]}/{nevra}.rpm",
            Digest(nevra), 1_000_000, requires);

    /// <summary>A stable, distinct lowercase hex digest per NEVRA (stands in for the .rpm file's SHA-256).</summary>
    public static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
