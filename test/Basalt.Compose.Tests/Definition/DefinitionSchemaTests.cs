using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Basalt.Compose.Definition;
using Basalt.TestInfrastructure;
using Json.Schema;

namespace Basalt.Compose.Tests.Definition;

/// <summary>The published schema agrees with the model and the reader, and JsonSchema.Net accepts what Basalt accepts.</summary>
public sealed class DefinitionSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(DefinitionSchema.Text);

    private static readonly JsonObject SchemaJson = JsonNode.Parse(DefinitionSchema.Text)!.AsObject();

    /// <summary>Each model type, the schema object describing it, and the reader's key list for it.</summary>
    public static TheoryData<string, string, string[]> Mappings() => new()
    {
        { nameof(ImageDefinition), "", DefinitionKeys.Root },
        { nameof(RepositoryDefinition), "RepositoryDefinition", DefinitionKeys.Repository },
        { nameof(PackageSelection), "PackageSelection", DefinitionKeys.Packages },
        { nameof(GroupDefinition), "GroupDefinition", DefinitionKeys.Group },
        { nameof(UserDefinition), "UserDefinition", DefinitionKeys.User },
        { nameof(FileDefinition), "FileDefinition", DefinitionKeys.File },
        { nameof(SystemdUnits), "SystemdUnits", DefinitionKeys.Systemd },
        { nameof(BootDefinition), "BootDefinition", DefinitionKeys.Boot },
        { nameof(InitrdDefinition), "InitrdDefinition", DefinitionKeys.Initrd },
        { nameof(DiskLayout), "DiskLayout", DefinitionKeys.Disk },
        { nameof(DiskPartitions), "DiskPartitions", DefinitionKeys.Partitions },
        { nameof(ReproducibilitySettings), "ReproducibilitySettings", DefinitionKeys.Reproducibility },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Schema_EveryModelProperty_IsASchemaPropertyAndAReaderKey(string typeName, string definition, string[] readerKeys)
    {
        var type = typeof(ImageDefinition).Assembly.GetType($"Basalt.Compose.Definition.{typeName}")!;
        var modelKeys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => SnakeCase(p.Name))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var schemaObject = definition.Length == 0 ? SchemaJson : SchemaJson["$defs"]![definition]!.AsObject();

        Assert.Equal(modelKeys, schemaObject["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(modelKeys, readerKeys.Order(StringComparer.Ordinal));
        Assert.False(schemaObject["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void Schema_Enumerations_MatchTheModel()
    {
        Assert.Equal(DefinitionKeys.Arches.Keys, SchemaJson["properties"]!["arch"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(Enum.GetValues<ImageArch>(), DefinitionKeys.Arches.Values);
        Assert.Equal(DefinitionKeys.Outputs.Keys, SchemaJson["properties"]!["outputs"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(Enum.GetValues<Compose.Definition.OutputFormat>(), DefinitionKeys.Outputs.Values);
    }

    [Fact]
    public void Schema_Sample_Validates()
    {
        var sample = YamlJson.Convert(File.ReadAllText(DefinitionFixture.SamplePath));

        var result = Schema.Evaluate(sample, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Schema_DocumentationExample_Validates()
    {
        var markdown = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "docs", "image-definition.md"));
        var start = markdown.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = markdown[start..markdown.IndexOf("```", start, StringComparison.Ordinal)];

        var result = Schema.Evaluate(YamlJson.Convert(example), new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
        Assert.Contains("console=ttyS0,115200", example, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_Itself_IsValidDraft202012()
    {
        var result = MetaSchemas.Draft202012.Evaluate(JsonNode.Parse(DefinitionSchema.Text), new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", SchemaJson["$schema"]!.GetValue<string>());
    }

    /// <summary>Definitions both the schema and Basalt's loader reject: types, enums, ranges, patterns and unknown keys.</summary>
    [Theory]
    [InlineData("arch: sparc")]
    [InlineData("hostnme: web")]
    [InlineData("outputs: [iso]")]
    [InlineData("outputs: [raw, raw]")]
    [InlineData("users: [{name: dev, uid: 70000}]")]
    [InlineData("users: [{name: Dev}]")]
    [InlineData("users: [{name: dev, uid: '1000'}]")]
    [InlineData("files: [{path: /etc/a, content: x, mode: 0644}]")]
    [InlineData("files: [{path: /etc/../a, content: x}]")]
    [InlineData("files: [{path: /etc/a}]")]
    [InlineData("disk: {size: 2GB}")]
    [InlineData("disk: {partitions: {boot: 1G}}")]
    [InlineData("systemd: {enable: [sshd]}")]
    [InlineData("kernel_cmdline: [usrhash=00]")]
    [InlineData("reproducibility: {source_date_epoch: -1}")]
    [InlineData("hostname: -bad")]
    public void Schema_InvalidDefinition_IsRejectedByBothSchemaAndLoader(string addition)
    {
        var yaml = DefinitionFixture.Minimal + addition + "\n";

        Assert.NotEmpty(DefinitionFixture.Errors(yaml));
        Assert.False(Schema.Evaluate(YamlJson.Convert(yaml)).IsValid, $"The schema accepted: {addition}");
    }

    [Fact]
    public void Schema_Minimal_IsAcceptedByBothSchemaAndLoader()
    {
        Assert.True(Schema.Evaluate(YamlJson.Convert(DefinitionFixture.Minimal)).IsValid);
        Assert.Equal("test", DefinitionFixture.Load(DefinitionFixture.Minimal).Name);
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string Describe(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => !d.IsValid && d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")));
}
