using System.Runtime.CompilerServices;
using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Interns the strings and dependencies that repeat across a repository's packages (names, versions, arches,
/// "libc.so.6()(64bit)" requires), so each distinct value is kept once in memory. Not thread-safe: one pool per
/// reader at a time.
/// </summary>
/// <remarks>
/// Two open-addressing tables written out here rather than HashSet/Dictionary: the readers look strings up by
/// char span and dependencies by their pooled parts, and generic collections over those keys are jitted at Tier 0
/// in a cold process, where ReadyToRun compiles this code ahead of time. Strings hash with the runtime's randomised
/// string hash, so hostile metadata cannot aim collisions.
/// </remarks>
public sealed class StringPool
{
    private string?[] _strings = new string?[1 << 12];
    private int[] _stringHashes = new int[1 << 12];
    private int _stringCount;

    private Dependency?[] _dependencies = new Dependency?[1 << 12];
    private int _dependencyCount;

    /// <summary>How many distinct strings the pool holds.</summary>
    public int Count => _stringCount;

    /// <summary>The pooled instance equal to <paramref name="value"/>.</summary>
    public string Intern(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? "" : Intern(value.AsSpan(), value);
    }

    /// <summary>The pooled string equal to <paramref name="value"/>; a string is allocated only the first time.</summary>
    internal string Intern(ReadOnlySpan<char> value) => value.IsEmpty ? "" : Intern(value, null);

    private string Intern(ReadOnlySpan<char> value, string? instance)
    {
        int hash = string.GetHashCode(value);
        int mask = _strings.Length - 1;
        int slot = hash & mask;
        while (_strings[slot] is { } existing)
        {
            if (_stringHashes[slot] == hash && value.SequenceEqual(existing))
            {
                return existing;
            }

            slot = (slot + 1) & mask;
        }

        var added = instance ?? value.ToString();
        _strings[slot] = added;
        _stringHashes[slot] = hash;
        if (++_stringCount * 2 > _strings.Length)
        {
            GrowStrings();
        }

        return added;
    }

    private void GrowStrings()
    {
        var (strings, hashes) = (_strings, _stringHashes);
        _strings = new string?[strings.Length * 2];
        _stringHashes = new int[strings.Length * 2];
        int mask = _strings.Length - 1;
        for (int i = 0; i < strings.Length; i++)
        {
            if (strings[i] is { } s)
            {
                int slot = hashes[i] & mask;
                while (_strings[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                _strings[slot] = s;
                _stringHashes[slot] = hashes[i];
            }
        }
    }

    /// <summary>The pooled dependency equal to <paramref name="dependency"/> (records compare by value).</summary>
    public Dependency Intern(Dependency dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        return Intern(Intern(dependency.Name), dependency.Flags, Intern(dependency.Version));
    }

    /// <summary>The pooled dependency with these pooled strings (from <see cref="Intern(ReadOnlySpan{char})"/>); allocated only the first time.</summary>
    internal Dependency Intern(string pooledName, DependencyFlags flags, string pooledVersion)
    {
        // Pooled strings are unique per value, so identity decides equality and the identity hash suffices.
        int hash = HashOf(pooledName, flags, pooledVersion);
        int mask = _dependencies.Length - 1;
        int slot = hash & mask;
        while (_dependencies[slot] is { } existing)
        {
            if (ReferenceEquals(existing.Name, pooledName) && existing.Flags == flags && ReferenceEquals(existing.Version, pooledVersion))
            {
                return existing;
            }

            slot = (slot + 1) & mask;
        }

        var added = new Dependency(pooledName, flags, pooledVersion);
        _dependencies[slot] = added;
        if (++_dependencyCount * 2 > _dependencies.Length)
        {
            GrowDependencies();
        }

        return added;
    }

    private static int HashOf(string name, DependencyFlags flags, string version)
    {
        uint h = (uint)RuntimeHelpers.GetHashCode(name) * 0x9E3779B1u;
        h = (h ^ (uint)flags) * 0x85EBCA77u;
        h = (h ^ (uint)RuntimeHelpers.GetHashCode(version)) * 0xC2B2AE3Du;
        return (int)(h ^ (h >> 15));
    }

    private void GrowDependencies()
    {
        var old = _dependencies;
        _dependencies = new Dependency?[old.Length * 2];
        int mask = _dependencies.Length - 1;
        foreach (var d in old)
        {
            if (d is not null)
            {
                int slot = HashOf(d.Name, d.Flags, d.Version) & mask;
                while (_dependencies[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                _dependencies[slot] = d;
            }
        }
    }
}
