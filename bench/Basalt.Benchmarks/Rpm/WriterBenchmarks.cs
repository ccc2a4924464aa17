using Basalt.Benchmarks.Imaging;
using Basalt.Rpm.Writer;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Rpm;

/// <summary>
/// Building a binary RPM from a 400-file tree (2.2 MB of text-like content in 40 directories, plus 20
/// symlinks) with a zstd-19 payload: Basalt's writer (manifest → package) versus <c>rpmbuild -bb</c> of an
/// equivalent spec (bench/scripts/rpmbuild-bb.sh), both with SOURCE_DATE_EPOCH and outputs in /dev/shm.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*Rpm.WriterBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WriterBenchmarks
{
    private const int FileCount = 400;
    private string _root = "";
    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "basalt-bench-rpmwrite");
        _output = ReferenceTool.OutputDirectory("basalt-bench-rpmwrite");
        if (!File.Exists(Path.Combine(_root, ".complete")))
        {
            Generate(_root);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_output, recursive: true);

    [Benchmark(Baseline = true)]
    public void RpmbuildBb() =>
        ReferenceTool.Run(
            Path.Combine(RepoRoot(), "bench", "scripts", "rpmbuild-bb.sh"),
            Path.Combine(_root, "tree"),
            Path.Combine(_output, "rpmbuild"));

    [Benchmark]
    public string Basalt() =>
        RpmPackageBuilder.Build(Path.Combine(_root, "package.yaml"), Path.Combine(_output, "basalt"), new RpmWriterOptions { SourceDateEpoch = 1_700_000_000 });

    private static void Generate(string root)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var random = new Random(7);
        var words = new[] { "basalt", "image", "package", "verity", "kernel", "update", "signature", "payload", "header", "rollback" };
        for (var i = 0; i < FileCount; i++)
        {
            var directory = Path.Combine(root, "tree", "usr", "share", $"bench{i % 40:D2}");
            Directory.CreateDirectory(directory);
            var length = (int)(-Math.Log(1 - random.NextDouble()) * 6000);
            using var writer = new StreamWriter(Path.Combine(directory, $"file{i:D4}.txt"));
            while (writer.BaseStream.Position < length)
            {
                writer.WriteLine($"{words[random.Next(words.Length)]} {random.Next(100_000)} {words[random.Next(words.Length)]}");
                writer.Flush();
            }

            if (i % 20 == 0)
            {
                File.CreateSymbolicLink(Path.Combine(directory, $"link{i:D4}"), $"file{i:D4}.txt");
            }
        }

        File.WriteAllText(Path.Combine(root, "package.yaml"), """
            name: bench-tree
            version: "1.0"
            release: "1"
            summary: Benchmark tree
            description: Benchmark tree.
            license: MIT
            source: tree
            """);
        File.WriteAllText(Path.Combine(root, ".complete"), "");
    }

    /// <summary>The repository holding bench/scripts: found from the working directory, else from this source file's path.</summary>
    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Basalt.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the Basalt repository.");
    }
}
