using System.Globalization;
using System.Text;
using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Benchmarks.Solver;

/// <summary>
/// A distribution-shaped random repository for solver benchmarks: names in layers (a package requires names from lower
/// layers, as applications need libraries), several versions per name, versioned, virtual and file requires, "or"
/// rich requires, some conflicts and obsoletes. Deterministic for a seed; also written as a libsolv testcase so that
/// testsolv solves exactly the same problem.
/// </summary>
internal static class SyntheticRepository
{
    public static List<PackageCandidate> Create(int names, int versions, int seed)
    {
        var random = new Random(seed);
        var packages = new List<PackageCandidate>(names * versions);
        for (int n = 0; n < names; n++)
        {
            string name = Name(n);
            string arch = n % 5 == 0 ? "noarch" : "x86_64";
            for (int v = 0; v < versions; v++)
            {
                var requires = new List<Dependency>();
                int count = n < 50 ? 0 : random.Next(6);
                for (int i = 0; i < count; i++)
                {
                    int target = random.Next(n);
                    requires.Add(random.Next(10) switch
                    {
                        0 => new Dependency("virtual-" + Name(target / 4)),
                        1 => new Dependency("/usr/lib/" + Name(target) + ".so"),
                        2 => new Dependency($"({Name(target)} or {Name(random.Next(n))})"),
                        3 => new Dependency(Name(target), DependencyFlags.Greater | DependencyFlags.Equal, "1." + random.Next(versions).ToString(CultureInfo.InvariantCulture)),
                        _ => new Dependency(Name(target)),
                    });
                }

                packages.Add(new PackageCandidate(new Nevra(name, null, "1." + v.ToString(CultureInfo.InvariantCulture), "1", arch), "available")
                {
                    Requires = requires,
                    Provides = n % 4 == 0 ? [new Dependency("virtual-" + Name(n / 4))] : [],
                    Conflicts = random.Next(40) == 0 ? [new Dependency(Name(random.Next(names)), DependencyFlags.Less, "1.1")] : [],
                    Obsoletes = random.Next(60) == 0 ? [new Dependency("old-" + name)] : [],
                    Files = ["/usr/lib/" + name + ".so"],
                    Location = "Packages/" + name + "-1." + v.ToString(CultureInfo.InvariantCulture) + "-1." + arch + ".rpm",
                });
            }
        }

        return packages;
    }

    public static string Name(int n) => "pkg" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same packages and jobs as a libsolv testcase (rich "or" written as libsolv's '|').</summary>
    public static string ToTestcase(IEnumerable<PackageCandidate> packages, IEnumerable<string> jobs)
    {
        var text = new StringBuilder("feature complex_deps\nrepo system 0 empty\nrepo available 0 testtags <inline>\n");
        foreach (var package in packages)
        {
            var n = package.Nevra;
            text.Append(CultureInfo.InvariantCulture, $"#>=Pkg: {n.Name} {n.Version} {n.Release} {n.Arch}\n");
            Append(text, "Prv", package.Provides);
            Append(text, "Req", package.Requires);
            Append(text, "Con", package.Conflicts);
            Append(text, "Obs", package.Obsoletes);
            foreach (string file in package.Files)
            {
                text.Append("#>=Fls: ").Append(file).Append('\n');
            }
        }

        text.Append("system x86_64 rpm system\n");
        foreach (string job in jobs)
        {
            text.Append("job install name ").Append(job).Append('\n');
        }

        return text.Append("result transaction,problems <inline>\n").ToString();
    }

    private static void Append(StringBuilder text, string tag, IReadOnlyList<Dependency> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            string value = dependency.IsRich ? dependency.Name.Replace(" or ", " | ", StringComparison.Ordinal) : dependency.ToString();
            text.Append("#>=").Append(tag).Append(": ").Append(value).Append('\n');
        }
    }
}
