using Basalt.Imaging.Cosi;
using Basalt.Solver.Locking;
using Basalt.Trust.Build;
using Basalt.Trust.Provenance;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Verification;

/// <summary>The five package lists of a build — SPDX, CycloneDX, provenance, lockfile, COSI — must agree.</summary>
internal static class PackageAgreement
{
    public static void Check(string directory, string prefix, ProvenanceSummary provenance, CheckRun run)
    {
        using var spdxStream = File.OpenRead(Path.Combine(directory, TrustOutputs.SpdxName(prefix)));
        var spdx = SbomReader.ReadSpdx(spdxStream, TrustOutputs.SpdxName(prefix));
        using var cdxStream = File.OpenRead(Path.Combine(directory, TrustOutputs.CycloneDxName(prefix)));
        var cdx = SbomReader.ReadCycloneDx(cdxStream, TrustOutputs.CycloneDxName(prefix));
        var spdxSet = Keys(spdx.Select(p => (p.Nevra, p.Sha256)));
        if (!Same(run, "CycloneDX SBOM = SPDX SBOM", spdxSet, Keys(cdx.Select(p => (p.Nevra, p.Sha256)))))
        {
            return;
        }

        var rpmDigests = provenance.ResolvedDependencies.Where(d => d.Uri.EndsWith(".rpm", StringComparison.Ordinal)).Select(d => d.Sha256)
            .Order(StringComparer.Ordinal).ToList();
        if (!Same(run, "provenance = SBOM (RPM digests)", [.. spdx.Select(p => p.Sha256).Order(StringComparer.Ordinal)], rpmDigests))
        {
            return;
        }

        var lockPath = Path.Combine(directory, Compose.Build.ImageBuilder.LockFileName);
        var lockFile = LockFile.Load(lockPath);
        var sbomDigests = spdx.GroupBy(p => p.Nevra, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Sha256, StringComparer.Ordinal);
        var locked = lockFile.Packages.Select(p => (p.Nevra, Sha256Of(p.Checksum) ?? sbomDigests.GetValueOrDefault(p.Nevra) ?? "?"));
        if (!Same(run, "lockfile = SBOM", spdxSet, Keys(locked)))
        {
            return;
        }

        var cosiPath = Path.Combine(directory, prefix + ".cosi");
        if (File.Exists(cosiPath))
        {
            using var stream = File.OpenRead(cosiPath);
            var cosi = CosiReader.Read(stream, Path.GetFileName(cosiPath));
            var nvra = spdx.Select(p => Basalt.Packaging.Nevra.Parse(p.Nevra)).Select(n => n.ToNvra()).Order(StringComparer.Ordinal).ToList();
            Same(run, "COSI osPackages = SBOM", nvra,
                [.. cosi.Metadata.Packages.Select(p => $"{p.Name}-{p.Version}-{p.Release}.{p.Arch}").Order(StringComparer.Ordinal)]);
        }
    }

    private static List<string> Keys(IEnumerable<(string Nevra, string Sha256)> packages)
        => [.. packages.Select(p => p.Nevra + " sha256:" + p.Sha256).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The lockfile keeps primary's "type:hex" checksum. A SHA-256 must equal the SBOM's; another type (sha1, sha512) was
    /// checked against the file when it was fetched, so only the package names are compared for it.
    /// </summary>
    private static string? Sha256Of(string checksum)
        => checksum.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? checksum["sha256:".Length..].ToLowerInvariant() : null;

    private static bool Same(CheckRun run, string name, List<string> expected, List<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).FirstOrDefault();
        var extra = actual.Except(expected, StringComparer.Ordinal).FirstOrDefault();
        var detail = missing is null && extra is null
            ? $"{expected.Count} packages"
            : missing is not null ? $"'{missing}' is missing on the right-hand side" : $"'{extra}' is extra on the right-hand side";
        return run.Check(name, missing is null && extra is null, detail);
    }
}
