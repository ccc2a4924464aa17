using Basalt.Packaging;

namespace Basalt.Solver.Policy;

/// <summary>libsolv's sort_by_common_dep (policy.c, 0.7.23).</summary>
internal sealed partial class ProviderPolicy
{
    private readonly List<(int Index, Dependency Provide, Evr Evr)> _entries = [];
    private readonly Dictionary<string, Evr> _evrs = new(StringComparer.Ordinal);
    private int[] _badness = [];

    /// <summary>
    /// libsolv's sort_by_common_dep. Every "name = evr", "name &lt;= evr" and "name &lt; evr" a candidate provides
    /// (its own "name = evr" included; rich and unversioned provides, and "=" versions that look like hashes, are
    /// not) is ranked among the candidates' provides of that name, highest EVR first (releases compared only when
    /// both have one; "&lt;" after the same EVR with "="). A candidate's badness is the sum over its provides of how
    /// many steps down its rank is; the candidates are then stably sorted by badness, installed ones counting 0.
    /// So with "cap = 1.2" from B and "cap = 1.0" from A, B goes first, while an unversioned "cap" plays no part.
    /// </summary>
    private void SortByCommonDependency(List<int> list)
    {
        _entries.Clear();
        for (int i = 0; i < list.Count; i++)
        {
            int p = list[i];
            foreach (var provide in _pool.Packages[p].Provides)
            {
                AddEntry(i, provide);
            }

            if (!ProvidesOwnName(p))
            {
                AddEntry(i, _pool.SelfProvides[p]);
            }
        }

        if (_entries.Count < 2)
        {
            return;
        }

        _entries.Sort(CompareEntries);
        if (_badness.Length < list.Count)
        {
            _badness = new int[list.Count * 2];
        }

        Array.Clear(_badness, 0, list.Count);
        bool haveBad = false;
        int bad = 0;
        for (int k = 0; k < _entries.Count; k++)
        {
            var entry = _entries[k];
            if (k != 0 && _entries[k - 1].Provide.Name == entry.Provide.Name)
            {
                if (_entries[k - 1].Index != entry.Index && CompareEntries(_entries[k - 1], entry) < 0)
                {
                    bad++;
                    haveBad = true;
                }
            }
            else
            {
                bad = 0;
            }

            _badness[entry.Index] += bad;
        }

        if (!haveBad)
        {
            return;
        }

        for (int i = 0; i < list.Count; i++)
        {
            if (_pool.IsInstalled(list[i]))
            {
                _badness[i] = 0;
            }
        }

        // Stable insertion sort by badness, as libsolv does.
        for (int i = 1; i < list.Count; i++)
        {
            for (int j = i; j > 0 && _badness[j - 1] > _badness[j]; j--)
            {
                (_badness[j - 1], _badness[j]) = (_badness[j], _badness[j - 1]);
                (list[j - 1], list[j]) = (list[j], list[j - 1]);
            }
        }
    }

    private void AddEntry(int index, Dependency provide)
    {
        var sense = provide.Sense;
        if (provide.IsRich || !provide.IsVersioned
            || sense is not (DependencyFlags.Equal or DependencyFlags.Less or (DependencyFlags.Less | DependencyFlags.Equal)))
        {
            return;
        }

        if (sense == DependencyFlags.Equal && LooksLikeHash(provide.Version))
        {
            return;
        }

        if (!_evrs.TryGetValue(provide.Version, out var evr))
        {
            evr = Evr.Parse(provide.Version);
            _evrs[provide.Version] = evr;
        }

        _entries.Add((index, provide, evr));
    }

    // libsolv skips "=" provides whose version is four or more lowercase hex digits (a hash, not a version).
    private static bool LooksLikeHash(string version)
    {
        var text = version.StartsWith("0:", StringComparison.Ordinal) ? version.AsSpan(2) : version.AsSpan();
        if (text.Length < 4)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>By name, then the higher EVR first (releases compared only when both have one), then "&lt;" last.</summary>
    private static int CompareEntries((int Index, Dependency Provide, Evr Evr) a, (int Index, Dependency Provide, Evr Evr) b)
    {
        int rc = string.CompareOrdinal(a.Provide.Name, b.Provide.Name);
        if (rc != 0)
        {
            return rc;
        }

        rc = CompareMatchingRelease(b.Evr, a.Evr);
        if (rc != 0)
        {
            return rc;
        }

        bool lessA = a.Provide.Sense == DependencyFlags.Less, lessB = b.Provide.Sense == DependencyFlags.Less;
        return lessA.CompareTo(lessB);
    }

    private static int CompareMatchingRelease(Evr a, Evr b)
    {
        if (a.Release is null || b.Release is null)
        {
            return Evr.Compare(a with { Release = null }, b with { Release = null });
        }

        return Evr.Compare(a, b);
    }

    private bool ProvidesOwnName(int p)
    {
        var package = _pool.Packages[p];
        foreach (var provide in package.Provides)
        {
            if (provide.Name == package.Name && provide.Sense == DependencyFlags.Equal)
            {
                return true;
            }
        }

        return false;
    }
}
