using System.Text.Json;

namespace Basalt.Trust.Provenance;

public static partial class ProvenanceStatement
{
    /// <summary>The statement's UTF-8 JSON bytes (the DSSE payload), ending in a newline.</summary>
    public static byte[] Write(BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(build);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("_type", StatementType);
            writer.WriteStartArray("subject");
            foreach (var artifact in build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                // statement.md: subjects are matched by digest; the name is the file name in the output folder.
                writer.WriteStartObject();
                writer.WriteString("name", artifact.Name);
                WriteDigest(writer, artifact.Sha256);
                writer.WriteStartObject("annotations");
                writer.WriteNumber("bytes", artifact.Bytes);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("predicateType", PredicateType);
            writer.WriteStartObject("predicate");
            WriteBuildDefinition(writer, build);
            WriteRunDetails(writer, build);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteBuildDefinition(Utf8JsonWriter writer, BuildRecord build)
    {
        writer.WriteStartObject("buildDefinition");
        writer.WriteString("buildType", BuildType);

        // SLSA v1 "externalParameters": what the user controls. The definition is named by path and pinned by digest.
        writer.WriteStartObject("externalParameters");
        writer.WriteStartObject("definition");
        writer.WriteString("path", build.DefinitionPath);
        WriteDigest(writer, build.DefinitionSha256);
        writer.WriteEndObject();
        writer.WriteStartObject("options");
        foreach (var (key, value) in build.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();

        // "internalParameters": what the builder chose; here the two inputs of reproducibility.
        writer.WriteStartObject("internalParameters");
        writer.WriteNumber("sourceDateEpoch", build.SourceDateEpoch);
        if (!string.IsNullOrEmpty(build.Seed))
        {
            writer.WriteString("seed", build.Seed);
        }

        writer.WriteEndObject();

        writer.WriteStartArray("resolvedDependencies");
        foreach (var repository in build.Repositories.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("uri", RepomdUri(repository.Location));
            WriteDigest(writer, repository.RepomdSha256);
            writer.WriteString("name", repository.Id);
            writer.WriteString("mediaType", "application/xml");
            writer.WriteEndObject();
        }

        foreach (var package in build.Packages.OrderBy(p => p.Nevra, StringComparer.Ordinal).ThenBy(p => p.Uri, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("uri", package.Uri);
            WriteDigest(writer, package.Sha256);
            writer.WriteString("name", package.Nevra);
            writer.WriteString("mediaType", "application/x-rpm");
            writer.WriteEndObject();
        }

        writer.WriteStartObject();
        writer.WriteString("uri", BasaltUri(build.BasaltVersion));
        writer.WriteString("name", "basalt");
        writer.WriteStartObject("annotations");
        writer.WriteString("version", build.BasaltVersion);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteEndObject();
    }

    private static void WriteRunDetails(Utf8JsonWriter writer, BuildRecord build)
    {
        writer.WriteStartObject("runDetails");
        writer.WriteStartObject("builder");
        writer.WriteString("id", BuilderId);
        writer.WriteStartObject("version");
        writer.WriteString("basalt", build.BasaltVersion);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("invocationId", build.InvocationId);
        writer.WriteString("startedOn", Timestamp(build.StartedOn));
        writer.WriteString("finishedOn", Timestamp(build.FinishedOn));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDigest(Utf8JsonWriter writer, string sha256)
    {
        // in-toto digest_set.md: lowercase hex; a malformed digest is a bug upstream, caught here rather than signed.
        if (!Hex.IsSha256(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a lowercase hex SHA-256 digest.", nameof(sha256));
        }

        writer.WriteStartObject("digest");
        writer.WriteString("sha256", sha256);
        writer.WriteEndObject();
    }

    /// <summary>The repository's repomd.xml, where its metadata digests start (rpm-md: LOCATION/repodata/repomd.xml).</summary>
    internal static string RepomdUri(string location) => location.TrimEnd('/') + "/repodata/repomd.xml";

    internal static string BasaltUri(string version) => $"{BasaltPurl}@{Uri.EscapeDataString(version)}";
}
