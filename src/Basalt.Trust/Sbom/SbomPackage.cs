namespace Basalt.Trust.Sbom;

/// <summary>One installed RPM as an SBOM records it, for comparison with the provenance and the lockfile.</summary>
public sealed record SbomPackage(string Nevra, string Sha256, string Purl);
