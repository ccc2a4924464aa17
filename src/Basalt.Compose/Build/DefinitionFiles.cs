using Basalt.Compose.Definition;
using Basalt.Compose.Install;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Build;

/// <summary>
/// Places the definition's <c>files</c> into the tree after the packages, replacing what a package put at the same path
/// (the definition is the administrator's word, as an edited %config file is). Owners are names, resolved with every
/// other owner once the accounts are final.
/// </summary>
internal static class DefinitionFiles
{
    public static void Apply(FileTree tree, IReadOnlyList<FileDefinition> files, FileOwnerTable owners, FileTimestamp timestamp)
    {
        foreach (var file in files)
        {
            // Missing parents are created like mkdir -p, with the tree's default (SOURCE_DATE_EPOCH) time.
            tree.CreateDirectory(file.Path[..Math.Max(1, file.Path.LastIndexOf('/'))]);
            if (tree.TryGet(file.Path, out var existing) && existing is DirectoryNode)
            {
                throw new BuildException($"files: '{file.Path}' is a directory in the image; a file cannot replace it.");
            }

            var content = file.Content is not null
                ? FileContent.FromBytes(System.Text.Encoding.UTF8.GetBytes(file.Content))
                : ReadSource(file);
            var node = tree.AddOrReplace(file.Path, new RegularFileNode(content, file.Mode));
            node.ModificationTime = timestamp;
            owners.Record(node, file.Owner, file.Group);
        }
    }

    private static FileContent ReadSource(FileDefinition file)
    {
        try
        {
            return FileContent.FromFile(file.Source!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"files: '{file.Path}' comes from '{file.Source}', which cannot be read: {exception.Message}", exception);
        }
    }
}
