using System.Text.Json.Nodes;
using Basalt.TestInfrastructure;
using Json.Schema;

namespace Basalt.Trust.Tests.Sbom;

/// <summary>
/// The official SPDX 2.3 and CycloneDX 1.6 JSON schemas from shared/data/sbom. bom-1.6 $refs spdx.schema.json and
/// jsf-0.82.schema.json by relative URI, so both are registered under their $ids in a private registry. Format
/// keywords (date-time, iri-reference, email) are enforced.
/// </summary>
internal static class SbomSchemas
{
    private static readonly Lazy<(JsonSchema Schema, EvaluationOptions Options)> Spdx = new(() =>
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        return (Load("sbom/spdx-spec@2.3.1/schemas/spdx-schema.json", options), options);
    });

    private static readonly Lazy<(JsonSchema Schema, EvaluationOptions Options)> CycloneDx = new(() =>
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        Load("sbom/cyclonedx-specification/schema/spdx.schema.json", options);
        Load("sbom/cyclonedx-specification/schema/jsf-0.82.schema.json", options);
        return (Load("sbom/cyclonedx-specification/schema/bom-1.6.schema.json", options), options);
    });

    public static IReadOnlyList<string> ValidateSpdx(byte[] json) => Validate(Spdx.Value, json);

    public static IReadOnlyList<string> ValidateCycloneDx(byte[] json) => Validate(CycloneDx.Value, json);

    private static JsonSchema Load(string fixture, EvaluationOptions options)
    {
        var schema = JsonSchema.FromFile(Fixtures.Path(fixture));
        options.SchemaRegistry.Register(schema);
        return schema;
    }

    /// <summary>Every failing location with its message; empty when the document is valid.</summary>
    private static List<string> Validate((JsonSchema Schema, EvaluationOptions Options) schema, byte[] json)
    {
        var results = schema.Schema.Evaluate(JsonNode.Parse(json), schema.Options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = results.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no detail)"];
    }
}
