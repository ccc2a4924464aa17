using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Basalt.Packaging;

namespace Basalt.Benchmarks.Packaging;

/// <summary>
/// Throughput of <see cref="RpmVersion.Compare(string, string)"/> over every pair of rpm's vercmp vectors
/// (shared/data/rpms/cavaliergopher-rpm/testdata/vercmp.json). The reference number comes from
/// bench/scripts/vercmp-python.sh, which runs python3-rpm's labelCompare over the same pairs in one process.
/// </summary>
[MemoryDiagnoser]
public class VercmpBenchmarks
{
    private string[] _a = [];
    private string[] _b = [];
    private Evr[] _evrA = [];
    private Evr[] _evrB = [];

    [GlobalSetup]
    public void Setup()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(VectorsPath()));
        var pairs = json.RootElement.EnumerateArray()
            .Select(e => (A: e.GetProperty("a").GetString() ?? "", B: e.GetProperty("b").GetString() ?? ""))
            // python's labelCompare rejects an empty version, so the reference script skips those pairs; so do we.
            .Where(p => p.A.Length != 0 && p.B.Length != 0)
            .ToArray();
        _a = pairs.Select(p => p.A).ToArray();
        _b = pairs.Select(p => p.B).ToArray();
        // labelCompare((None, a, None), (None, b, None)) is what the python script measures; Evr.Compare is its twin.
        _evrA = _a.Select(a => new Evr(null, a, null)).ToArray();
        _evrB = _b.Select(b => new Evr(null, b, null)).ToArray();
    }

    /// <summary>All vercmp.json pairs once; divide the pair count by the mean time for pairs per second.</summary>
    [Benchmark(Baseline = true)]
    public int RpmVersionCompare()
    {
        int sum = 0;
        for (int i = 0; i < _a.Length; i++)
        {
            sum += RpmVersion.Compare(_a[i], _b[i]);
        }

        return sum;
    }

    /// <summary>The same pairs through <see cref="Evr.Compare"/> (epoch and release checks included).</summary>
    [Benchmark]
    public int EvrCompare()
    {
        int sum = 0;
        for (int i = 0; i < _evrA.Length; i++)
        {
            sum += Evr.Compare(_evrA[i], _evrB[i]);
        }

        return sum;
    }

    /// <summary>Number of pairs per benchmark invocation.</summary>
    public int PairCount => _a.Length;

    private static string VectorsPath()
    {
        const string relative = "rpms/cavaliergopher-rpm/testdata/vercmp.json";
        var fromEnvironment = Environment.GetEnvironmentVariable("BASALT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.Combine(fromEnvironment, relative);
        }

        // The checkout and shared/ sit side by side; build output may live elsewhere (BASALT_ARTIFACTS), so try
        // above the binary and above the working directory.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"'{relative}' not found above '{AppContext.BaseDirectory}' or '{Environment.CurrentDirectory}'; set BASALT_SHARED_DATA.");
    }
}
