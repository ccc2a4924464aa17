using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tree;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Imaging;

/// <summary>
/// An uncompressed EROFS image of a ~320 MB tree (20,000 small files in 2,800 directories, twelve 16 MiB
/// files, 500 symlinks): Basalt (load the directory + write) versus <c>mkfs.erofs -T0 --all-root -U</c>
/// on the same directory, both writing to /dev/shm.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*ErofsWriterBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ErofsWriterBenchmarks
{
    private const string Uuid = "11111111-2222-3333-4444-555555555555";
    private string _tree = "";
    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _tree = Path.Combine(Path.GetTempPath(), "basalt-bench-erofs", "tree");
        _output = ReferenceTool.OutputDirectory("basalt-bench-erofs");
        if (!File.Exists(Path.Combine(_tree, ".complete")))
        {
            Generate(_tree);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_output, recursive: true);

    [Benchmark(Baseline = true)]
    public void MkfsErofs() => ReferenceTool.Run("mkfs.erofs", "--quiet", "-T0", "--all-root", "-U", Uuid, Path.Combine(_output, "mkfs.erofs"), _tree);

    [Benchmark]
    public ErofsImageInfo Basalt()
    {
        var tree = FileTreeLoader.FromDirectory(_tree, new FileTreeLoaderOptions { AllRoot = true, Timestamp = FileTimestamp.Epoch });
        return ErofsWriter.WriteFileAsync(tree, Path.Combine(_output, "basalt.erofs"), new ErofsWriterOptions { Uuid = Guid.Parse(Uuid) })
            .GetAwaiter().GetResult();
    }

    private static void Generate(string root)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var random = new Random(1);
        for (var i = 0; i < 20_000; i++)
        {
            var directory = Path.Combine(root, "usr", "share", $"pkg{i % 400:D3}", $"sub{i % 7}");
            Directory.CreateDirectory(directory);
            var content = new byte[(int)(-Math.Log(1 - random.NextDouble()) * 6000)];
            random.NextBytes(content);
            File.WriteAllBytes(Path.Combine(directory, $"file{i:D5}.txt"), content);
        }

        var big = Path.Combine(root, "usr", "lib", "big");
        Directory.CreateDirectory(big);
        var buffer = new byte[(16 << 20) + (12 * 12345)];
        for (var i = 0; i < 12; i++)
        {
            random.NextBytes(buffer);
            File.WriteAllBytes(Path.Combine(big, $"blob{i}.bin"), buffer.AsSpan(0, (16 << 20) + (i * 12345)).ToArray());
        }

        for (var i = 0; i < 500; i++)
        {
            File.CreateSymbolicLink(Path.Combine(root, "usr", "lib", $"link{i}"), $"../share/pkg{i:D3}");
        }

        File.WriteAllText(Path.Combine(root, ".complete"), "");
    }
}
