using Basalt.Packaging;
using Basalt.Packaging.Rich;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// Parses the dependency strings of a manifest as a spec file's Requires: line holds one entry: "name",
/// "name OP evr" (OP one of &lt; &lt;= = == &gt;= &gt;) or a rich dependency "(a or b)", which is checked with
/// Basalt.Packaging's parser and stored as written.
/// </summary>
internal static class ManifestDependencies
{
    public static Dependency? Parse(string text, string keyPath, ManifestErrors errors)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            errors.Add(keyPath, "must not be empty");
            return null;
        }

        if (trimmed.StartsWith('('))
        {
            try
            {
                RichDependency.Parse(trimmed);
                return new Dependency(trimmed);
            }
            catch (FormatException ex)
            {
                errors.Add(keyPath, $"'{trimmed}' is not a valid rich dependency: {ex.Message}");
                return null;
            }
        }

        var words = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!IsCapabilityName(words[0]))
        {
            errors.Add(keyPath, $"'{words[0]}' is not a valid capability name");
            return null;
        }

        if (words.Length == 1)
        {
            return new Dependency(words[0]);
        }

        DependencyFlags? flags = words[1] switch
        {
            "<" => DependencyFlags.Less,
            "<=" or "=<" => DependencyFlags.Less | DependencyFlags.Equal,
            "=" or "==" => DependencyFlags.Equal,
            ">=" or "=>" => DependencyFlags.Greater | DependencyFlags.Equal,
            ">" => DependencyFlags.Greater,
            _ => null,
        };
        if (words.Length != 3 || flags is null)
        {
            errors.Add(keyPath, $"'{trimmed}' is not 'name', 'name OP version' (OP one of < <= = >= >) or a rich dependency '(…)'");
            return null;
        }

        if (!ManifestReader.IsVersionText(words[2], allowEpochAndRelease: true))
        {
            errors.Add(keyPath, $"'{words[2]}' is not a valid version");
            return null;
        }

        return new Dependency(words[0], flags.Value, words[2]);
    }

    private static bool IsCapabilityName(string name) =>
        name.Length > 0 && !"<>=,".Contains(name[0], StringComparison.Ordinal) && !name.Contains(',', StringComparison.Ordinal);
}
