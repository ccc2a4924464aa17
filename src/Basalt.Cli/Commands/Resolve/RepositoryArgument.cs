using Basalt.Repositories;

namespace Basalt.Cli.Commands.Resolve;

/// <summary>
/// A <c>--repo</c> value: <c>LOCATION</c> or <c>ID=LOCATION</c>, optionally with <c>,priority=N</c>.
/// Without an id, the last path segment names the repository (dnf's --repofrompath does the same).
/// </summary>
internal static class RepositoryArgument
{
    public static RepositoryDefinition Parse(string value, int index)
    {
        var text = value;
        var priority = (int?)null;
        var comma = text.LastIndexOf(",priority=", StringComparison.Ordinal);
        if (comma >= 0)
        {
            var number = text[(comma + ",priority=".Length)..];
            priority = int.TryParse(number, out var parsed) && parsed is >= 1 and <= 99
                ? parsed
                : throw new ArgumentException($"--repo \"{value}\": priority \"{number}\" is not a number from 1 to 99.");
            text = text[..comma];
        }

        string id;
        string location;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var schemeStart = text.IndexOf("://", StringComparison.Ordinal);
        if (equals > 0 && (schemeStart < 0 || equals < schemeStart))
        {
            id = text[..equals];
            location = text[(equals + 1)..];
        }
        else
        {
            location = text;
            var trimmed = location.TrimEnd('/');
            id = trimmed.Length == 0 ? $"repo{index}" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
        }

        if (location.Length == 0)
        {
            throw new ArgumentException($"--repo \"{value}\" names no location.");
        }

        if (!location.Contains("://", StringComparison.Ordinal))
        {
            location = Path.GetFullPath(location);
        }

        var definition = new RepositoryDefinition(id, location);
        return priority is { } p ? definition with { Priority = p } : definition;
    }
}
