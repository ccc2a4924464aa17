using Basalt.Imaging.Verity;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Imaging;

/// <summary>
/// dm-verity format of a 300 MiB data file (76,800 blocks, three tree levels): Basalt versus
/// <c>veritysetup format</c> with the same salt and UUID, both writing the hash file to /dev/shm.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*VerityFormatBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class VerityFormatBenchmarks
{
    private const string Salt = "9a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0011223344556677";
    private const string Uuid = "0d1e2f30-4152-6374-8596-a7b8c9d0e1f2";
    private string _data = "";
    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _output = ReferenceTool.OutputDirectory("basalt-bench-verity");
        _data = Path.Combine(Path.GetTempPath(), "basalt-bench-verity.data");
        if (!File.Exists(_data) || new FileInfo(_data).Length != 300L << 20)
        {
            var buffer = new byte[1 << 20];
            var random = new Random(9);
            using var stream = File.Create(_data);
            for (var i = 0; i < 300; i++)
            {
                random.NextBytes(buffer);
                stream.Write(buffer);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_output, recursive: true);

    [Benchmark(Baseline = true)]
    public void Veritysetup() => ReferenceTool.Run("veritysetup", "format", "--salt", Salt, "--uuid", Uuid, _data, Path.Combine(_output, "veritysetup.hash"));

    [Benchmark]
    public string Basalt()
    {
        var options = new VerityOptions { Salt = Convert.FromHexString(Salt), Uuid = Guid.Parse(Uuid) };
        return VerityFormatter.FormatAsync(_data, Path.Combine(_output, "basalt.hash"), options).GetAwaiter().GetResult().RootHashHex;
    }
}
