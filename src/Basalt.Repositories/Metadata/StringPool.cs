using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Interns the strings and dependencies that repeat across a repository's packages (names, versions, arches,
/// "libc.so.6()(64bit)" requires), so each distinct value is kept once in memory. Not thread-safe: one pool per
/// reader at a time.
/// </summary>
public sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<Dependency, Dependency> _dependencies = [];

    /// <summary>How many distinct strings the pool holds.</summary>
    public int Count => _strings.Count;

    /// <summary>The pooled instance equal to <paramref name="value"/>.</summary>
    public string Intern(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "";
        }

        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        _strings.Add(value);
        return value;
    }

    /// <summary>The pooled dependency equal to <paramref name="dependency"/> (records compare by value).</summary>
    public Dependency Intern(Dependency dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        if (_dependencies.TryGetValue(dependency, out var pooled))
        {
            return pooled;
        }

        _dependencies.Add(dependency, dependency);
        return dependency;
    }
}
