using System.Text.Json;

namespace Basalt.Trust.Provenance;

public static partial class ProvenanceStatement
{
    /// <summary>
    /// Reads a statement this class wrote (or any in-toto v1 / SLSA v1 statement with Basalt's buildType) into what a
    /// verifier compares: subjects, digested dependencies and the definition digest. Call it only on the payload of
    /// a verified envelope. Errors name <paramref name="name"/> and the JSON path.
    /// </summary>
    public static ProvenanceSummary Read(ReadOnlySpan<byte> statement, string name)
    {
        if (statement.Length > MaxStatementBytes)
        {
            throw new InvalidDataException($"Provenance '{name}' is {statement.Length} bytes; the limit is {MaxStatementBytes}.");
        }

        // JsonDocument checks structure, not the UTF-8 inside strings; GetString would throw a non-data error later.
        if (!System.Text.Unicode.Utf8.IsValid(statement))
        {
            throw new InvalidDataException($"Provenance '{name}' is not UTF-8.");
        }

        JsonDocument document;
        try
        {
            // Duplicate keys are refused: a signed statement must mean one thing to every reader.
            document = JsonDocument.Parse(statement.ToArray(), new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Provenance '{name}' is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var json = new JsonCursor(document.RootElement, name);
            json.Expect("_type", StatementType);
            json.Expect("predicateType", PredicateType);
            var subjects = ReadSubjects(json);
            var definition = json.Object("predicate").Object("buildDefinition");
            definition.Expect("buildType", BuildType);
            var definitionSha256 = definition.Object("externalParameters").Object("definition").Digest();
            var dependencies = new List<(string Uri, string Sha256)>();
            foreach (var dependency in definition.Array("resolvedDependencies"))
            {
                var digest = dependency.OptionalDigest();
                if (digest is not null)
                {
                    dependencies.Add((dependency.String("uri"), digest));
                }
            }

            return new ProvenanceSummary(subjects, dependencies, definitionSha256);
        }
    }

    private static List<BuildArtifact> ReadSubjects(JsonCursor json)
    {
        var subjects = new List<BuildArtifact>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in json.Array("subject"))
        {
            var subjectName = subject.String("name");
            if (!names.Add(subjectName))
            {
                throw json.Error($"'$.subject' names '{subjectName}' twice");
            }

            var bytes = subject.TryObject("annotations") is { } annotations ? annotations.OptionalInt64("bytes") ?? -1 : -1;
            subjects.Add(new BuildArtifact(subjectName, subject.Digest(), bytes));
        }

        if (subjects.Count == 0)
        {
            throw json.Error("has no subjects (statement.md: 'subject' is required)");
        }

        return subjects;
    }
}
