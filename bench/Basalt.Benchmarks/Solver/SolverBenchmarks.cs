using System.Diagnostics;
using Basalt.Packaging.Model;
using Basalt.Solver;
using BenchmarkDotNet.Attributes;

namespace Basalt.Benchmarks.Solver;

/// <summary>
/// Solving one install job over a generated 20,000-package repository (5,000 names × 4 versions): Basalt's solver on
/// the package model versus libsolv's testsolv on the same problem written as a testcase. testsolv's time includes
/// reading its testcase text, Basalt's does not include generating its objects; both include building the index,
/// the rules and the search.
/// </summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private List<PackageCandidate> _packages = [];
    private string[] _jobs = [];
    private string _testcase = "";

    [GlobalSetup]
    public void Setup()
    {
        _packages = SyntheticRepository.Create(names: 5000, versions: 4, seed: 42);
        _jobs = [.. Enumerable.Range(0, 40).Select(i => SyntheticRepository.Name(4999 - i * 37))];
        _testcase = Path.Combine(Path.GetTempPath(), "basalt-solver-bench.t");
        File.WriteAllText(_testcase, SyntheticRepository.ToTestcase(_packages, _jobs));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_testcase);

    [Benchmark(Baseline = true)]
    public int Basalt()
    {
        var resolution = PackageSolver.Solve(_packages, [], _jobs.Select(SolverJob.InstallName), new SolverOptions());
        return resolution.Packages.Count;
    }

    [Benchmark]
    public int Testsolv()
    {
        using var process = Process.Start(new ProcessStartInfo("testsolv", ["-r", _testcase])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("testsolv did not start");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Length;
    }
}
