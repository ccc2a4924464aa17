using System.Security.Cryptography;
using Basalt.Compose.Build;
using Basalt.IO;
using Basalt.Trust.Checksums;
using Basalt.Trust.Dsse;
using Basalt.Trust.Provenance;
using Basalt.Trust.Sbom;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Build;

/// <summary>
/// The trust chain of a build, written beside its artefacts before they are published: the SBOMs (SPDX 2.3 and
/// CycloneDX 1.6), with a signing key the SLSA provenance in a DSSE envelope, and SHA256SUMS over every file of the
/// output (the lockfile, the SBOMs, every file of the OCI layout) with, when signed, its detached signature.
/// </summary>
public static class TrustOutputs
{
    public const string ChecksumsName = "SHA256SUMS";
    public const string ChecksumsSignatureName = "SHA256SUMS.sig";

    /// <summary>The purpose (and file stem) of the provenance's signing request in detached signing.</summary>
    public const string ProvenancePurpose = "provenance";

    public static string SpdxName(string prefix) => prefix + ".spdx.json";

    public static string CycloneDxName(string prefix) => prefix + ".cdx.json";

    public static string ProvenanceName(string prefix) => prefix + ".provenance.json";

    /// <summary>Writes the files into <see cref="BuildOutputs.Directory"/> and returns their names.</summary>
    public static Task<IReadOnlyList<string>> WriteAsync(BuildOutputs outputs, ISigner? signer, CancellationToken cancellationToken)
        => WriteAsync(outputs, signer is null ? TrustSigning.None : TrustSigning.With(signer), cancellationToken);

    /// <summary>
    /// As above; with <see cref="TrustSigning.Export"/> the two messages to sign (the provenance's DSSE PAE and
    /// SHA256SUMS) are written to the export folder as signing requests instead, and the signed files are left out.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(BuildOutputs outputs, TrustSigning signing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(signing);
        var directory = outputs.Directory;
        var prefix = $"{outputs.Definition.Name}-{outputs.Definition.Version}";
        var artifacts = outputs.Image.Artifacts
            .Select(a => new BuildArtifact(Path.GetFileName(a.Path), a.Sha256, a.Bytes))
            .Append(await DigestAsync(directory, ImageBuilder.LockFileName, cancellationToken).ConfigureAwait(false))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var record = BuildRecordFactory.From(outputs, artifacts);
        var written = new List<string>();
        Write(directory, SpdxName(prefix), SpdxWriter.Write(record), written);
        Write(directory, CycloneDxName(prefix), CycloneDxWriter.Write(record), written);

        var known = outputs.Image.Artifacts.Where(a => File.Exists(a.Path))
            .ToDictionary(a => Path.GetFileName(a.Path), a => new BuildArtifact(Path.GetFileName(a.Path), a.Sha256, a.Bytes), StringComparer.Ordinal);
        var sums = Sha256Sums.Write(await ChecksumFiles.DigestAllAsync(directory, prefix, known, cancellationToken).ConfigureAwait(false));
        Write(directory, ChecksumsName, sums, written);
        if (signing.KeyId is not { } keyId)
        {
            return written;
        }

        var subjects = artifacts
            .Append(await DigestAsync(directory, SpdxName(prefix), cancellationToken).ConfigureAwait(false))
            .Append(await DigestAsync(directory, CycloneDxName(prefix), cancellationToken).ConfigureAwait(false))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var statement = ProvenanceStatement.Write(record with { Artifacts = subjects });
        if (signing.ExportFolder is { } folder)
        {
            DetachedSigning.WriteRequests(folder, [
                SigningRequest.ForDsse(keyId, ProvenancePurpose, ProvenanceStatement.PayloadType, statement),
                new SigningRequest(keyId, ChecksumsName, sums),
            ]);
            return written;
        }

        Write(directory, ProvenanceName(prefix), DsseEnvelope.Sign(ProvenanceStatement.PayloadType, statement, signing.Signer!).ToJson(), written);
        Write(directory, ChecksumsSignatureName, signing.Signer!.Sign(sums), written);
        return written;
    }

    private static void Write(string directory, string name, byte[] content, List<string> written)
    {
        using (var output = AtomicOutput.CreateFile(Path.Combine(directory, name)))
        {
            output.Stream.Write(content);
            output.Commit();
        }

        written.Add(name);
    }

    private static async Task<BuildArtifact> DigestAsync(string directory, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new BuildArtifact(name, Convert.ToHexStringLower(digest), stream.Length);
        }
    }
}
