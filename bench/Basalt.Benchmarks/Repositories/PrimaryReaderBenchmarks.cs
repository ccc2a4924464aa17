using Basalt.Repositories.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Repositories;

/// <summary>
/// The primary.xml reader alone on CentOS Stream 9 AppStream (17,649 packages, 52 MB of XML held decompressed in
/// memory, so neither decompression nor hashing is measured): packages per second and bytes allocated per load, with
/// and without summary and description. The process-level comparison with rpmmd2solv is
/// bench/scripts/repo-load-vs-rpmmd2solv.sh; the whole verified load is <see cref="RepositoryLoadBenchmarks"/>.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*PrimaryReaderBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PrimaryReaderBenchmarks
{
    private byte[] _primary = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(RepositoryLoadBenchmarks.Data, "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream/repodata");
        using var stream = MetadataFiles.Open(Directory.GetFiles(folder, "*-primary.xml.gz").Single());
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        _primary = buffer.ToArray();
    }

    [Benchmark(Baseline = true, Description = "PrimaryReader, AppStream, keepText: false (as resolve reads)")]
    public int WithoutText() => Count(keepText: false);

    [Benchmark(Description = "PrimaryReader, AppStream, keepText: true")]
    public int WithText() => Count(keepText: true);

    private int Count(bool keepText)
    {
        int count = 0;
        foreach (var package in PrimaryReader.Read(new MemoryStream(_primary, writable: false), "appstream primary.xml", keepText: keepText))
        {
            count += package.Requires.Count;
        }

        return count;
    }
}
