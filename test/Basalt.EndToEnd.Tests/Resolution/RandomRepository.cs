using System.Globalization;
using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>How <see cref="RandomRepository"/> builds a repository.</summary>
/// <param name="Names">How many package names.</param>
/// <param name="MaxVersions">The most versions per name.</param>
/// <param name="Alternatives">Allow virtual provides, file requires, rich dependencies, conflicts and recommends.</param>
internal sealed record RepositoryShape(int Names, int MaxVersions, bool Alternatives);

/// <summary>
/// Random repositories of packages p0…pN (several versions each, noarch or x86_64) with versioned, virtual, file and
/// rich requires, conflicts, obsoletes and recommends. Rich dependencies use and/or/if/unless only: "with"/"without"
/// are left out because libsolv 0.7.23 and Basalt read them alike only in part (docs/solver.md).
/// </summary>
internal static class RandomRepository
{
    public static List<PackageCandidate> Create(Random random, RepositoryShape shape)
    {
        var packages = new List<PackageCandidate>();
        for (int n = 0; n < shape.Names; n++)
        {
            string name = "p" + n.ToString(CultureInfo.InvariantCulture);
            string arch = random.Next(3) == 0 ? "noarch" : "x86_64";
            int versions = 1 + random.Next(shape.MaxVersions);
            for (int v = 0; v < versions; v++)
            {
                packages.Add(Package(random, shape, name, v, arch));
            }
        }

        return packages;
    }

    private static PackageCandidate Package(Random random, RepositoryShape shape, string name, int version, string arch)
    {
        var requires = new List<Dependency>();
        var provides = new List<Dependency>();
        var conflicts = new List<Dependency>();
        var obsoletes = new List<Dependency>();
        var recommends = new List<Dependency>();
        int count = random.Next(4);
        for (int i = 0; i < count; i++)
        {
            requires.Add(shape.Alternatives && random.Next(5) == 0 ? Rich(random, shape, 2) : Simple(random, shape));
        }

        string v = "1." + version.ToString(CultureInfo.InvariantCulture);
        if (shape.Alternatives)
        {
            if (random.Next(3) == 0)
            {
                string cap = "cap" + random.Next(shape.Names / 4 + 1).ToString(CultureInfo.InvariantCulture);
                provides.Add(random.Next(2) == 0 ? new Dependency(cap) : new Dependency(cap, DependencyFlags.Equal, v));
            }

            if (random.Next(8) == 0)
            {
                conflicts.Add(random.Next(6) == 0 ? Rich(random, shape, 1) : NameDependency(random, shape));
            }

            if (random.Next(8) == 0)
            {
                recommends.Add(random.Next(4) == 0 ? Rich(random, shape, 1) : Simple(random, shape));
            }
        }

        if (random.Next(12) == 0)
        {
            obsoletes.Add(NameDependency(random, shape));
        }

        return new PackageCandidate(new Nevra(name, null, v, "1", arch), "r")
        {
            Requires = requires,
            Provides = provides,
            Conflicts = conflicts,
            Obsoletes = obsoletes,
            Recommends = recommends,
            Files = ["/usr/bin/" + name],
            Location = $"{name}-{v}-1.{arch}.rpm",
        };
    }

    private static Dependency NameDependency(Random random, RepositoryShape shape)
    {
        string target = "p" + random.Next(shape.Names).ToString(CultureInfo.InvariantCulture);
        string evr = "1." + random.Next(shape.MaxVersions).ToString(CultureInfo.InvariantCulture);
        return random.Next(3) switch
        {
            0 => new Dependency(target),
            1 => new Dependency(target, DependencyFlags.Greater | DependencyFlags.Equal, evr),
            _ => new Dependency(target, DependencyFlags.Less, evr),
        };
    }

    private static Dependency Simple(Random random, RepositoryShape shape)
    {
        if (!shape.Alternatives)
        {
            return NameDependency(random, shape);
        }

        return random.Next(6) switch
        {
            0 => new Dependency("cap" + random.Next(shape.Names / 4 + 1).ToString(CultureInfo.InvariantCulture)),
            1 => new Dependency("/usr/bin/p" + random.Next(shape.Names).ToString(CultureInfo.InvariantCulture)),
            _ => NameDependency(random, shape),
        };
    }

    private static Dependency Rich(Random random, RepositoryShape shape, int depth)
        => new(Node(random, shape, depth) is var node && node is RichSimple ? new RichGroup(node).ToString() : node.ToString());

    private static RichDependency Node(Random random, RepositoryShape shape, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return new RichSimple(NameDependency(random, shape));
        }

        RichDependency Child() => Node(random, shape, depth - 1);
        return random.Next(5) switch
        {
            0 => new RichAnd([Child(), Child()]),
            1 => new RichOr([Child(), Child(), Child()]),
            2 => new RichIf(Child(), Child(), null),
            3 => new RichIf(Child(), Child(), Child()),
            _ => new RichUnless(Child(), Child(), random.Next(2) == 0 ? null : Child()),
        };
    }
}
