using Basalt.Packaging;

namespace Basalt.Solver.Policy;

/// <summary>libsolv's dislike_old_versions (policy.c, 0.7.23).</summary>
internal sealed partial class ProviderPolicy
{
    private sbyte[]? _old;

    /// <summary>
    /// libsolv's dislike_old_versions: a package for which the pool holds the same name and architecture in a newer
    /// version (or from a better repository) goes to the back, even when that newer version cannot be installed.
    /// </summary>
    private bool IsOldVersion(int p)
    {
        _old ??= new sbyte[_pool.Packages.Count];
        if (_old[p] == 0)
        {
            _old[p] = (sbyte)(ComputeOld(p) ? 1 : -1);
        }

        return _old[p] > 0;
    }

    private bool ComputeOld(int p)
    {
        if (_pool.IsInstalled(p))
        {
            return false;
        }

        var package = _pool.Packages[p];
        foreach (int q in _pool.WithName(package.Name))
        {
            var other = _pool.Packages[q];
            if (q == p || other.Nevra.Arch != package.Nevra.Arch)
            {
                continue;
            }

            if (other.RepositoryPriority != package.RepositoryPriority)
            {
                if (other.RepositoryPriority < package.RepositoryPriority)
                {
                    return true;
                }

                continue;
            }

            if (Evr.Compare(_pool.Evrs[q], _pool.Evrs[p]) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
