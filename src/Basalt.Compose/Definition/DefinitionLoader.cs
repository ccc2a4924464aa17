using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>
/// Loads an image definition (docs/image-definition.md): parses the YAML, checks every rule, and either returns the
/// model with defaults applied or throws one <see cref="DefinitionException"/> listing every error with its key path.
/// </summary>
public static partial class DefinitionLoader
{
    /// <summary>Largest definition read: it is configuration, not data (file contents belong in <c>source:</c> files).</summary>
    public const long MaxDefinitionBytes = 4 * 1024 * 1024;

    public static ImageDefinition Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The image definition '{path}' does not exist.", path);
        }

        if (info.Length > MaxDefinitionBytes)
        {
            throw new DefinitionException($"'{path}' is {info.Length} bytes; an image definition is at most {MaxDefinitionBytes} bytes.");
        }

        return Parse(File.ReadAllText(path), info.DirectoryName!, path);
    }

    /// <summary>Validates YAML text; relative <c>source:</c>, <c>path:</c> and key paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static ImageDefinition Parse(string yaml, string baseDirectory, string sourceName)
    {
        var root = ParseYaml(yaml, sourceName);
        var errors = new DefinitionErrors();
        var reader = new DefinitionReader(errors);
        var definition = Read(reader, root, Path.GetFullPath(baseDirectory));
        errors.ThrowIfAny(sourceName);
        return definition;
    }

    internal static YamlMappingNode ParseYaml(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new DefinitionException(
                sourceName, [new DefinitionError("(document)", ex.Start.Line, ex.Start.Column, $"not valid YAML: {ex.Message}")]);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed input (an unclosed flow sequence) this way, without a position.
            throw new DefinitionException(sourceName, [new DefinitionError("(document)", null, null, $"not valid YAML: {ex.Message}")]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DefinitionException(
                sourceName, [new DefinitionError("(document)", null, null, "must hold one YAML mapping (name:, version:, …)")]);
        }

        return root;
    }

    private static ImageDefinition Read(DefinitionReader reader, YamlMappingNode root, string baseDirectory)
    {
        reader.CheckKeys(root, "", DefinitionKeys.Root);
        var name = Checked(reader, root, "name", reader.Text(root, "name", "", required: true), Syntax.ImageName().IsMatch,
            "is not a valid image name (lower-case letters, digits and . _ -, starting with a letter or digit, at most 64)");
        var version = Checked(reader, root, "version", reader.Text(root, "version", "", required: true), Syntax.ImageVersion().IsMatch,
            "is not a valid version (2 to 4 dot-separated numbers, optionally -suffix in lower case, e.g. 2026.11.0)");
        var arch = Enum(reader, root, "arch", "", DefinitionKeys.Arches) ?? ImageArch.X64;
        var hostname = Checked(reader, root, "hostname", reader.Text(root, "hostname", ""), Syntax.IsHostname,
            "is not a valid host name (RFC 1123: dot-separated labels of letters, digits and inner hyphens, at most 64 characters)");
        var accounts = ReadAccounts(reader, root);
        var boot = ReadBoot(reader, root, arch);
        return new ImageDefinition
        {
            Name = name ?? "",
            Version = version ?? "",
            Arch = arch,
            Hostname = hostname,
            Repositories = ReadRepositories(reader, root, baseDirectory),
            Packages = WithBootPackages(ReadPackages(reader, root), boot),
            Groups = accounts.Groups,
            Users = accounts.Users,
            Files = ReadFiles(reader, root, baseDirectory, accounts),
            Systemd = ReadSystemd(reader, root),
            OsRelease = ReadOsRelease(reader, root, name, version),
            KernelCmdline = ReadKernelCmdline(reader, root),
            Boot = boot,
            Disk = ReadDisk(reader, root),
            Outputs = ReadOutputs(reader, root),
            Reproducibility = ReadReproducibility(reader, root, name, version),
        };
    }

    private static string? Checked(DefinitionReader reader, YamlMappingNode mapping, string key, string? value, Func<string, bool> rule, string message) =>
        Checked(reader, DefinitionReader.Get(mapping, key)!, key, value, rule, message);

    private static string? Checked(DefinitionReader reader, YamlNode node, string keyPath, string? value, Func<string, bool> rule, string message)
    {
        if (value is not null && !rule(value))
        {
            reader.Errors.Add(keyPath, node, $"'{value}' {message}");
            return null;
        }

        return value;
    }

    private static T? Enum<T>(DefinitionReader reader, YamlMappingNode mapping, string key, string keyPath, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        var text = reader.Text(mapping, key, keyPath);
        return text is null ? null : EnumValue(reader, DefinitionReader.Get(mapping, key)!, DefinitionReader.Join(keyPath, key), text, values);
    }

    private static T? EnumValue<T>(DefinitionReader reader, YamlNode node, string keyPath, string text, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        reader.Errors.Add(keyPath, node, $"'{text}' is not one of: {string.Join(", ", values.Keys)}");
        return null;
    }
}
