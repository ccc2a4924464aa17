using Basalt.Benchmarks.Imaging;
using Basalt.Repositories;
using Basalt.Solver;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Resolution;

/// <summary>
/// Load CentOS Stream 9 BaseOS + AppStream primary and solve the realistic job (bash systemd kernel openssh-server
/// dnf sudo NetworkManager, 174 packages): Basalt (RepositoryLoader, then PackageSolver, in process) versus libsolv
/// (zcat | rpmmd2solv for each repository, then testsolv) versus dnf's Python API (fill_sack, then resolve), all on
/// the same files. AppStream's modular packages are made visible to dnf with module_hotfixes so all three see the
/// same packages. Process-level numbers (peak RSS) and the CLI: bench/scripts/resolve-compare.sh.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*RealisticResolutionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RealisticResolutionBenchmarks
{
    private static readonly string[] Job = ["bash", "systemd", "kernel", "openssh-server", "dnf", "sudo", "NetworkManager"];

    private static readonly string Data = Environment.GetEnvironmentVariable("BASALT_SHARED_DATA")
        ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data"));

    private static readonly string BaseOs = Path.Combine(Data, "repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos");

    private static readonly string AppStream = Path.Combine(Data, "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream");

    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _output = ReferenceTool.OutputDirectory("basalt-bench-resolution");
        File.WriteAllText(Path.Combine(_output, "job.t"),
            "repo baseos 99 solv baseos.solv\nrepo appstream 99 solv appstream.solv\nsystem x86_64 rpm\n"
            + string.Concat(Job.Select(j => $"job install name {j}\n")));
        File.WriteAllText(Path.Combine(_output, "dnf-solve.py"), """
            import sys, dnf
            work, baseos, appstream = sys.argv[1], sys.argv[2], sys.argv[3]
            base = dnf.Base()
            base.conf.installroot = work + "/root"
            base.conf.cachedir = work + "/cache"
            base.conf.persistdir = work + "/persist"
            base.conf.substitutions["releasever"] = "9"
            for rid, path in (("baseos", baseos), ("appstream", appstream)):
                base.repos.add_new_repo(rid, base.conf, baseurl=["file://" + path]).module_hotfixes = True
            base.fill_sack(load_system_repo=False)
            for name in sys.argv[4:]:
                base.install(name)
            base.resolve()
            print(len(base.transaction.install_set))
            """);
    }

    [Benchmark(Baseline = true, Description = "rpmmd2solv + testsolv (load + solve)")]
    public void Libsolv()
    {
        foreach (var (name, folder) in new[] { ("baseos", BaseOs), ("appstream", AppStream) })
        {
            ReferenceTool.Run("/bin/sh", "-c", $"zcat '{folder}'/repodata/*-primary.xml.gz | rpmmd2solv > '{_output}/{name}.solv'");
        }

        ReferenceTool.Run("/bin/sh", "-c", $"cd '{_output}' && testsolv -r job.t");
    }

    [Benchmark(Description = "dnf Python API (fill_sack + resolve)")]
    public void Dnf()
    {
        string work = Path.Combine(_output, "dnf");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        ReferenceTool.Run("/usr/bin/python3", [Path.Combine(_output, "dnf-solve.py"), work, BaseOs, AppStream, .. Job]);
    }

    [Benchmark(Description = "Basalt RepositoryLoader + PackageSolver (load + solve)")]
    public int Basalt()
    {
        var candidates = new[] { ("baseos", BaseOs), ("appstream", AppStream) }
            .SelectMany(r => RepositoryLoader.LoadAsync(new RepositoryDefinition(r.Item1, r.Item2), new RepositoryLoadOptions { KeepText = false })
                .GetAwaiter().GetResult().ToCandidates())
            .ToList();
        var resolution = PackageSolver.Solve(candidates, [], Job.Select(SolverJob.InstallName), new SolverOptions());
        return resolution.Packages.Count;
    }
}
