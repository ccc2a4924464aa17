using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>Files placed into the image: path rules, content source, mode and ownership.</summary>
public static partial class DefinitionLoader
{
    private static List<FileDefinition> ReadFiles(DefinitionReader reader, YamlMappingNode root, string baseDirectory, Accounts accounts)
    {
        var files = new List<FileDefinition>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in reader.MappingItems(root, "files", ""))
        {
            reader.CheckKeys(node, path, DefinitionKeys.File);
            var target = Checked(reader, DefinitionReader.Get(node, "path")!, DefinitionReader.Join(path, "path"), reader.Text(node, "path", path, required: true),
                Syntax.IsNormalisedAbsolutePath, "is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)");
            if (target is not null && !paths.Add(target))
            {
                reader.Errors.Add(DefinitionReader.Join(path, "path"), DefinitionReader.Get(node, "path"), $"'{target}' is listed twice");
            }

            if (YamlScalars.IsNull(DefinitionReader.Get(node, "content")) == YamlScalars.IsNull(DefinitionReader.Get(node, "source")))
            {
                reader.Errors.Add(path, node, "needs exactly one of 'content' and 'source'");
            }

            // Empty inline content is a legitimate empty file, so content is read without the non-empty rule.
            var content = DefinitionReader.Get(node, "content") is YamlScalarNode { Value: "", Style: not (ScalarStyle.Plain or ScalarStyle.Any) } ? "" : reader.Text(node, "content", path);
            var owner = reader.Text(node, "owner", path) ?? "root";
            if (!accounts.HasUser(owner))
            {
                reader.Errors.Add(DefinitionReader.Join(path, "owner"), DefinitionReader.Get(node, "owner"), $"user '{owner}' is neither defined in 'users' nor a standard user");
            }

            var group = reader.Text(node, "group", path) ?? "root";
            if (!accounts.HasGroup(group))
            {
                reader.Errors.Add(DefinitionReader.Join(path, "group"), DefinitionReader.Get(node, "group"), $"group '{group}' is neither defined in 'groups' nor a standard group");
            }

            files.Add(new FileDefinition
            {
                Path = target ?? "",
                Content = content,
                Source = ReadSource(reader, node, path, baseDirectory),
                Mode = ReadMode(reader, node, path),
                Owner = owner,
                Group = group,
            });
        }

        return files;
    }

    private static string? ReadSource(DefinitionReader reader, YamlMappingNode node, string path, string baseDirectory)
    {
        var source = reader.Text(node, "source", path);
        if (source is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, source));
        if (!File.Exists(full))
        {
            reader.Errors.Add(DefinitionReader.Join(path, "source"), DefinitionReader.Get(node, "source"), $"file '{source}' does not exist (looked for '{full}')");
            return null;
        }

        return full;
    }

    private static int ReadMode(DefinitionReader reader, YamlMappingNode node, string path)
    {
        const int DefaultMode = 0b110_100_100;
        var modeNode = DefinitionReader.Get(node, "mode");
        if (modeNode is YamlScalarNode plain && YamlScalars.Kind(plain) is ScalarKind.Integer)
        {
            // YAML 1.2 reads 0644 as the decimal integer 644, which is not what anyone means by it.
            reader.Errors.Add(DefinitionReader.Join(path, "mode"), modeNode, $"must be an octal string: quote it (\"{plain.Value}\")");
            return DefaultMode;
        }

        var text = reader.Text(node, "mode", path);
        if (text is null)
        {
            return DefaultMode;
        }

        if (!Syntax.Mode().IsMatch(text))
        {
            reader.Errors.Add(DefinitionReader.Join(path, "mode"), modeNode, $"'{text}' is not an octal mode (3 or 4 octal digits, e.g. \"0644\")");
            return DefaultMode;
        }

        return Convert.ToInt32(text, 8);
    }
}
