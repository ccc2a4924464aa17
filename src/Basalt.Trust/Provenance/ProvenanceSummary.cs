namespace Basalt.Trust.Provenance;

/// <summary>
/// What a verifier needs from a provenance statement.
/// </summary>
/// <param name="Subjects">Every subject by name and SHA-256, in statement order; Bytes is the size recorded in the
/// subject's <c>annotations.bytes</c>, or -1 when the statement does not record it.</param>
/// <param name="ResolvedDependencies">Every resolved dependency that has a SHA-256 digest (the RPMs and the
/// repositories' repomd.xml files), in statement order.</param>
/// <param name="DefinitionSha256">externalParameters.definition.digest.sha256.</param>
public sealed record ProvenanceSummary(IReadOnlyList<BuildArtifact> Subjects, IReadOnlyList<(string Uri, string Sha256)> ResolvedDependencies, string DefinitionSha256);
