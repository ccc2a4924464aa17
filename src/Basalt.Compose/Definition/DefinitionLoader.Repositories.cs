using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>Repositories, packages, outputs and reproducibility settings.</summary>
public static partial class DefinitionLoader
{
    private static List<RepositoryDefinition> ReadRepositories(DefinitionReader reader, YamlMappingNode root, string baseDirectory)
    {
        var result = new List<RepositoryDefinition>();
        if (reader.Items(root, "repositories", "", required: true).Count == 0)
        {
            return result;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in reader.MappingItems(root, "repositories", ""))
        {
            reader.CheckKeys(node, path, DefinitionKeys.Repository);
            var id = Checked(reader, DefinitionReader.Get(node, "id")!, DefinitionReader.Join(path, "id"), reader.Text(node, "id", path, required: true),
                Syntax.RepositoryId().IsMatch, "is not a valid repository id (letters, digits and - _ . : only)");
            if (id is not null && !ids.Add(id))
            {
                reader.Errors.Add(DefinitionReader.Join(path, "id"), DefinitionReader.Get(node, "id"), $"repository id '{id}' is used twice");
            }

            var baseurl = ReadBaseurl(reader, node, path);
            var localPath = reader.Text(node, "path", path);
            if (YamlScalars.IsNull(DefinitionReader.Get(node, "baseurl")) == YamlScalars.IsNull(DefinitionReader.Get(node, "path")))
            {
                reader.Errors.Add(path, node, "needs exactly one of 'baseurl' and 'path'");
            }

            var gpgcheck = reader.Boolean(node, "gpgcheck", path) ?? true;
            var repoGpgcheck = reader.Boolean(node, "repo_gpgcheck", path) ?? false;
            var keys = ReadGpgKeys(reader, node, path, baseDirectory);
            if ((gpgcheck || repoGpgcheck) && keys.Count == 0 && DefinitionReader.Get(node, "gpg_keys") is null)
            {
                reader.Errors.Add(DefinitionReader.Join(path, "gpg_keys"), node,
                    "is required when gpgcheck or repo_gpgcheck is true (or set gpgcheck: false for an unsigned repository)");
            }

            result.Add(new RepositoryDefinition
            {
                Id = id ?? "",
                Baseurl = baseurl,
                Path = localPath is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, localPath)),
                GpgKeys = keys,
                Gpgcheck = gpgcheck,
                RepoGpgcheck = repoGpgcheck,
                Priority = (int)(reader.Integer(node, "priority", path, 1, 99) ?? 99),
            });
        }

        return result;
    }

    private static Uri? ReadBaseurl(DefinitionReader reader, YamlMappingNode node, string path)
    {
        var text = reader.Text(node, "baseurl", path);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
        {
            return uri;
        }

        reader.Errors.Add(DefinitionReader.Join(path, "baseurl"), DefinitionReader.Get(node, "baseurl"), $"'{text}' is not an http, https or file URL");
        return null;
    }

    private static List<string> ReadGpgKeys(DefinitionReader reader, YamlMappingNode node, string path, string baseDirectory)
    {
        var keys = new List<string>();
        foreach (var (text, item, itemPath) in reader.TextItems(node, "gpg_keys", path))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
            {
                keys.Add(uri.AbsoluteUri);
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
            if (!File.Exists(full))
            {
                reader.Errors.Add(itemPath, item, $"key file '{text}' does not exist (looked for '{full}')");
                continue;
            }

            keys.Add(full);
        }

        return keys;
    }

    private static PackageSelection ReadPackages(DefinitionReader reader, YamlMappingNode root)
    {
        var node = reader.Mapping(DefinitionReader.Get(root, "packages"), "packages", root, required: true);
        if (node is null)
        {
            return new PackageSelection { Install = [] };
        }

        reader.CheckKeys(node, "packages", DefinitionKeys.Packages);
        return new PackageSelection
        {
            Install = PackageSpecs(reader, node, "install", required: true),
            Exclude = PackageSpecs(reader, node, "exclude", required: false),
            WeakDeps = reader.Boolean(node, "weak_deps", "packages") ?? true,
        };
    }

    private static List<string> PackageSpecs(DefinitionReader reader, YamlMappingNode node, string key, bool required) =>
        PackageSpecs(reader, node, key, "packages", required);

    private static List<string> PackageSpecs(DefinitionReader reader, YamlMappingNode node, string key, string keyPath, bool required = false) =>
        reader.TextItems(node, key, keyPath, required)
            .Where(item => Checked(reader, item.Node, item.Path, item.Text, Syntax.PackageSpec().IsMatch,
                "is not a package name (letters, digits and . _ + - : ( ) /, or a glob)") is not null)
            .Select(item => item.Text)
            .ToList();

    private static List<OutputFormat> ReadOutputs(DefinitionReader reader, YamlMappingNode root)
    {
        if (DefinitionReader.Get(root, "outputs") is null)
        {
            return [OutputFormat.Raw];
        }

        var outputs = reader.TextItems(root, "outputs", "", required: true)
            .Select(item => EnumValue(reader, item.Node, item.Path, item.Text, DefinitionKeys.Outputs))
            .OfType<OutputFormat>()
            .ToList();
        return outputs;
    }

    /// <summary>The latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z, the end of four-digit years.</summary>
    private const long MaxSourceDateEpoch = 253_402_300_799;

    private static ReproducibilitySettings ReadReproducibility(DefinitionReader reader, YamlMappingNode root, string? name, string? version)
    {
        var node = reader.Mapping(DefinitionReader.Get(root, "reproducibility"), "reproducibility");
        var defaultSeed = $"{name}-{version}";
        if (node is null)
        {
            return new ReproducibilitySettings { Seed = defaultSeed };
        }

        reader.CheckKeys(node, "reproducibility", DefinitionKeys.Reproducibility);
        var seed = reader.Text(node, "seed", "reproducibility");
        if (seed is { Length: > 256 })
        {
            reader.Errors.Add("reproducibility.seed", DefinitionReader.Get(node, "seed"), "must be at most 256 characters");
        }

        return new ReproducibilitySettings
        {
            SourceDateEpoch = reader.Integer(node, "source_date_epoch", "reproducibility", 0, MaxSourceDateEpoch),
            Seed = seed ?? defaultSeed,
        };
    }
}
