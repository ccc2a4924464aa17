using System.Xml.Linq;

namespace Basalt.Architecture.Tests;

/// <summary>The project and package references of every project under <c>src/</c>, read from the .csproj files.</summary>
internal sealed class ProjectGraph
{
    private ProjectGraph(IReadOnlyDictionary<string, ProjectNode> projects) => Projects = projects;

    public IReadOnlyDictionary<string, ProjectNode> Projects { get; }

    public static ProjectGraph Load(string repoRoot)
    {
        var projects = new SortedDictionary<string, ProjectNode>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(repoRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var document = XDocument.Load(path);
            var projectReferences = document.Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
                .Order(StringComparer.Ordinal)
                .ToArray();
            var packageReferences = document.Descendants("PackageReference")
                .Select(e => (string?)e.Attribute("Include") ?? "")
                .Order(StringComparer.Ordinal)
                .ToArray();
            var name = Path.GetFileNameWithoutExtension(path);
            projects[name] = new ProjectNode(name, path, projectReferences, packageReferences);
        }

        return new ProjectGraph(projects);
    }

    /// <summary>Every project reachable from <paramref name="name"/> through project references.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([name]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!Projects.TryGetValue(current, out var node))
            {
                continue;
            }

            foreach (var reference in node.ProjectReferences)
            {
                if (seen.Add(reference))
                {
                    stack.Push(reference);
                }
            }
        }

        return seen;
    }
}

internal sealed record ProjectNode(string Name, string Path, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences);
