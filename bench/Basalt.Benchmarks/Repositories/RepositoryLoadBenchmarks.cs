using Basalt.Benchmarks.Imaging;
using Basalt.Repositories;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Repositories;

/// <summary>
/// Loading CentOS Stream 9 BaseOS (1,125 packages) and AppStream (17,649 packages, 52 MB of XML) primary metadata:
/// Basalt's verified streaming reader versus <c>zcat primary.xml.gz | rpmmd2solv &gt; x.solv</c> (libsolv) on the
/// same files. Basalt also checks size, checksum and open-checksum; rpmmd2solv checks nothing.
/// Process-level numbers (peak RSS): bench/scripts/repo-load-vs-rpmmd2solv.sh.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*RepositoryLoadBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RepositoryLoadBenchmarks
{
    internal static readonly string Data = Environment.GetEnvironmentVariable("BASALT_SHARED_DATA") ?? FindSharedData();

    private static readonly string BaseOs = Path.Combine(Data, "repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos");

    private static readonly string AppStream = Path.Combine(Data, "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream");

    private string _output = "";

    /// <summary>The nearest "shared/data" above the working directory or the benchmark binary.</summary>
    private static string FindSharedData()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(Path.Combine(candidate, "repodata")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data not found above the working directory; set BASALT_SHARED_DATA.");
    }

    [GlobalSetup]
    public void Setup() => _output = ReferenceTool.OutputDirectory("basalt-bench-repoload");

    [Benchmark(Baseline = true, Description = "zcat | rpmmd2solv (BaseOS + AppStream)")]
    public void Rpmmd2solv()
    {
        foreach (var (name, folder) in new[] { ("baseos", BaseOs), ("appstream", AppStream) })
        {
            ReferenceTool.Run("/bin/sh", "-c", $"zcat '{folder}'/repodata/*-primary.xml.gz | rpmmd2solv > '{_output}/{name}.solv'");
        }
    }

    [Benchmark(Description = "Basalt RepositoryLoader (BaseOS + AppStream, verified)")]
    public int Basalt()
    {
        int count = 0;
        foreach (var folder in new[] { BaseOs, AppStream })
        {
            var repository = RepositoryLoader.LoadAsync(new RepositoryDefinition("bench", folder), new RepositoryLoadOptions { KeepText = false })
                .GetAwaiter().GetResult();
            count += repository.Packages.Count;
        }

        return count;
    }
}
