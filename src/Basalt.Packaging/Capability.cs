namespace Basalt.Packaging;

/// <summary>
/// Capability matching as rpm does it (lib/rpmds.c rpmdsCompare and rpmver.c rpmverOverlap): whether the
/// version range of one dependency overlaps the range of another with the same name. A rich requirement never
/// matches a provide by name; evaluate it with <see cref="Rich.RichDependency.IsSatisfied{TPackage}"/>.
/// </summary>
public static class Capability
{
    /// <summary>
    /// True when <paramref name="provide"/> satisfies <paramref name="requirement"/> (the same test rpm uses for
    /// Requires against Provides, and for Conflicts and Obsoletes against a package's Provides).
    /// </summary>
    public static bool Satisfies(Dependency provide, Dependency requirement) => Overlaps(provide, requirement);

    /// <summary>
    /// rpmdsCompare: names must be equal; a side without comparison flags or without an EVR matches anything;
    /// otherwise the ranges "provide-op provide-evr" and "require-op require-evr" must intersect. Symmetric.
    /// </summary>
    public static bool Overlaps(Dependency a, Dependency b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
        {
            return false;
        }

        // An existence test on either side ("Requires: foo", "Provides: foo") always overlaps.
        var senseA = a.Flags & DependencyFlagsExtensions.SenseMask;
        var senseB = b.Flags & DependencyFlagsExtensions.SenseMask;
        if (senseA == DependencyFlags.None || senseB == DependencyFlags.None)
        {
            return true;
        }

        // A comparison against an empty EVR also always overlaps.
        if (a.Version.Length == 0 || b.Version.Length == 0)
        {
            return true;
        }

        return RangesOverlap(a.Version, senseA, b.Version, senseB);
    }

    /// <summary>
    /// True when the range "<paramref name="flagsA"/> <paramref name="evrA"/>" intersects
    /// "<paramref name="flagsB"/> <paramref name="evrB"/>" (rpmverOverlap).
    /// </summary>
    public static bool RangesOverlap(string evrA, DependencyFlags flagsA, string evrB, DependencyFlags flagsB)
    {
        ArgumentNullException.ThrowIfNull(evrA);
        ArgumentNullException.ThrowIfNull(evrB);
        EvrSpan.Split(evrA, out var epochA, out var versionA, out var releaseA);
        EvrSpan.Split(evrB, out var epochB, out var versionB, out var releaseB);

        // Epochs: compared when both are given; a missing epoch counts as 0, so it loses only to a positive epoch.
        int sense = 0;
        if (!epochA.IsEmpty && !epochB.IsEmpty)
        {
            sense = RpmVersion.Compare(epochA, epochB);
        }
        else if (!epochA.IsEmpty && IsPositive(epochA))
        {
            sense = 1;
        }
        else if (!epochB.IsEmpty && IsPositive(epochB))
        {
            sense = -1;
        }

        if (sense == 0)
        {
            sense = RpmVersion.Compare(versionA, versionB);
            if (sense == 0)
            {
                if (!releaseA.IsEmpty && !releaseB.IsEmpty)
                {
                    sense = RpmVersion.Compare(releaseA, releaseB);
                }
                else if ((!releaseA.IsEmpty && (flagsB & DependencyFlags.Equal) != 0)
                         || (!releaseB.IsEmpty && (flagsA & DependencyFlags.Equal) != 0))
                {
                    // The side without a release names every release of this version; with '=' it matches.
                    return true;
                }
            }
        }

        return sense switch
        {
            < 0 => (flagsA & DependencyFlags.Greater) != 0 || (flagsB & DependencyFlags.Less) != 0,
            > 0 => (flagsA & DependencyFlags.Less) != 0 || (flagsB & DependencyFlags.Greater) != 0,
            _ => ((flagsA & flagsB) & DependencyFlagsExtensions.SenseMask) != 0,
        };
    }

    // rpm tests the epoch with atol(e) > 0: any non-zero digit in a run of digits makes it positive.
    private static bool IsPositive(ReadOnlySpan<char> epoch)
    {
        foreach (char c in epoch)
        {
            if (c is >= '1' and <= '9')
            {
                return true;
            }
        }

        return false;
    }
}
