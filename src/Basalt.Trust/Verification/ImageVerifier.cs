using System.Security.Cryptography;
using Basalt.Imaging.Cosi;
using Basalt.Solver.Locking;
using Basalt.Trust.Build;
using Basalt.Trust.Checksums;
using Basalt.Trust.Dsse;
using Basalt.Trust.Provenance;
using Basalt.Trust.Sbom;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Verification;

/// <summary>
/// <c>basalt verify</c>: checks a signed build's output folder against a public key. The provenance's DSSE signature
/// and SHA256SUMS's signature first, then every subject and every listed file against its digest (and no file left
/// unlisted), then that the SPDX and CycloneDX SBOMs, the provenance's resolved dependencies, the lockfile and the
/// COSI file's package list all name the same packages with the same digests. Stops at the first failure, which is
/// the last check returned.
/// </summary>
public static class ImageVerifier
{
    public static IReadOnlyList<VerificationCheck> Verify(string directory, IVerifier key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var checks = new List<VerificationCheck>();
        var run = new CheckRun(checks);
        var provenancePath = Directory.GetFiles(directory, "*.provenance.json").Order(StringComparer.Ordinal).SingleOrDefault();
        if (!run.Check("provenance", provenancePath is not null, provenancePath is null
                ? $"'{directory}' holds no (or more than one) *.provenance.json; was the build signed (--sign-key)?"
                : Path.GetFileName(provenancePath)))
        {
            return checks;
        }

        var prefix = Path.GetFileName(provenancePath!)[..^".provenance.json".Length];
        // Canonical: the file must be exactly what the writer wrote, so an edit to a field DSSE readers may ignore (a renamed keyid) fails too.
        var envelope = DsseEnvelope.ParseCanonical(File.ReadAllBytes(provenancePath!), Path.GetFileName(provenancePath!));
        if (!run.Check("provenance signature", envelope.PayloadType == ProvenanceStatement.PayloadType && envelope.Verify(key),
                envelope.PayloadType != ProvenanceStatement.PayloadType
                    ? $"payload type '{envelope.PayloadType}' is not {ProvenanceStatement.PayloadType}"
                    : envelope.Verify(key) ? $"DSSE signature by key {key.KeyId}" : $"no signature in the envelope verifies with key {key.KeyId}"))
        {
            return checks;
        }

        var sumsPath = Path.Combine(directory, TrustOutputs.ChecksumsName);
        var signaturePath = Path.Combine(directory, TrustOutputs.ChecksumsSignatureName);
        var sums = File.Exists(sumsPath) ? File.ReadAllBytes(sumsPath) : [];
        var sumsSigned = File.Exists(sumsPath) && File.Exists(signaturePath) && key.Verify(sums, File.ReadAllBytes(signaturePath));
        if (!run.Check("SHA256SUMS signature", sumsSigned, sumsSigned ? $"signed by key {key.KeyId}"
                : $"{TrustOutputs.ChecksumsName} or {TrustOutputs.ChecksumsSignatureName} is missing or the signature does not verify with key {key.KeyId}"))
        {
            return checks;
        }

        var provenance = ProvenanceStatement.Read(envelope.Payload, Path.GetFileName(provenancePath!));
        var digests = new FileDigests();
        foreach (var subject in provenance.Subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actual = SubjectDigest(directory, subject.Name, digests);
            if (!run.Check($"subject {subject.Name}", actual == subject.Sha256, actual is null ? "missing" : $"sha256:{actual}"
                    + (actual == subject.Sha256 ? "" : $", provenance says sha256:{subject.Sha256}")))
            {
                return checks;
            }
        }

        if (!ChecksumListing.Check(directory, prefix, sums, digests, run, cancellationToken))
        {
            return checks;
        }

        PackageAgreement.Check(directory, prefix, provenance, run);
        return checks;
    }

    /// <summary>A file's SHA-256, or for an OCI layout folder the digest of the manifest its index.json names (what image tools call the image digest).</summary>
    private static string? SubjectDigest(string directory, string name, FileDigests digests)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? digests.Of(path) : Directory.Exists(path) ? OciManifestDigest(path, digests) : null;
    }

    private static string? OciManifestDigest(string layout, FileDigests digests)
    {
        var index = Path.Combine(layout, "index.json");
        if (!File.Exists(index))
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(index));
        var digest = document.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString() ?? "";
        var hex = digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest["sha256:".Length..] : "";
        var blob = Path.Combine(layout, "blobs", "sha256", hex);
        if (hex.Length != 64 || !File.Exists(blob))
        {
            return null;
        }

        return digests.Of(blob);
    }
}
