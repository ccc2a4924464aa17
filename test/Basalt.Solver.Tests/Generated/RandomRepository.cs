using System.Globalization;
using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Tests.Generated;

/// <summary>How <see cref="RandomRepository"/> builds a repository.</summary>
/// <param name="Names">How many package names.</param>
/// <param name="MaxVersions">The most versions per name.</param>
/// <param name="Alternatives">Allow virtual provides, file requires, rich dependencies, conflicts and weak deps
/// (answers may then differ by policy); without them every requirement names one package name.</param>
/// <param name="WithOperators">Allow "with"/"without" in rich dependencies. libsolv 0.7.23's testsolv treats
/// &lt;WITH&gt;/&lt;WITHOUT&gt; in testtags requires as always met (see docs/solver.md), so differential runs leave them out.</param>
internal sealed record RepositoryShape(int Names, int MaxVersions, bool Alternatives, bool WithOperators = true);

/// <summary>
/// Random repositories for property and differential tests: names p0…pN, versions 1.0…, versioned, virtual, file and
/// rich requires, conflicts, obsoletes, recommends, noarch and x86_64. The same repository can be written as a libsolv
/// testcase (testtags), with rich dependencies in libsolv's own syntax.
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

        if (shape.Alternatives)
        {
            if (random.Next(3) == 0)
            {
                int cap = random.Next(shape.Names / 4 + 1);
                provides.Add(random.Next(2) == 0
                    ? new Dependency("cap" + cap.ToString(CultureInfo.InvariantCulture))
                    : new Dependency("cap" + cap.ToString(CultureInfo.InvariantCulture), DependencyFlags.Equal, "1." + version.ToString(CultureInfo.InvariantCulture)));
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

        string v = "1." + version.ToString(CultureInfo.InvariantCulture);
        return new PackageCandidate(new Nevra(name, null, v, "1", arch), "available")
        {
            // The rpm-md differential tests (Basalt.EndToEnd.Tests) write this as primary's location href.
            Location = $"{name}-{v}-1.{arch}.rpm",
            Requires = requires,
            Provides = provides,
            Conflicts = conflicts,
            Obsoletes = obsoletes,
            Recommends = recommends,
            Files = ["/usr/bin/" + name],
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
        RichDependency Leaf() => new RichSimple(NameDependency(random, shape));
        return random.Next(shape.WithOperators ? 7 : 5) switch
        {
            0 => new RichAnd([Child(), Child()]),
            1 => new RichOr([Child(), Child(), Child()]),
            2 => new RichIf(Child(), Child(), null),
            3 => new RichIf(Child(), Child(), Child()),
            4 => new RichUnless(Child(), Child(), random.Next(2) == 0 ? null : Child()),
            5 => new RichWith([Leaf(), Leaf()]),
            _ => new RichWithout(Leaf(), Leaf()),
        };
    }
}
