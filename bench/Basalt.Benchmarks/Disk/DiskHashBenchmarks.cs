using System.Diagnostics;
using System.Security.Cryptography;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using BenchmarkDotNet.Attributes;

namespace Basalt.Benchmarks.Disk;

/// <summary>
/// Writing a 512 MiB GPT disk holding 48 MiB of data (an ESP and a root partition, the rest holes) and getting its
/// SHA-256: hashed while written (DiskHash, on another core) versus written and then hashed by <c>sha256sum</c>, as a
/// shell pipeline would. Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*DiskHashBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DiskHashBenchmarks
{
    private string _directory = "";
    private DiskImageBuilder _builder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "basalt-bench-diskhash");
        Directory.CreateDirectory(_directory);
        var seed = "bench"u8.ToArray();
        _builder = new DiskImageBuilder(GuidDerivation.Derive(seed, "disk")) { DiskSizeBytes = 512L * 1024 * 1024 };
        _builder.Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, GuidDerivation.Derive(seed, "esp"), 64L * 1024 * 1024,
            PartitionContent.FromBytes(Random(16 * 1024 * 1024, 1))));
        _builder.Add(new DiskPartitionSpec("root", GptPartitionTypes.RootX64, GuidDerivation.Derive(seed, "root"), 400L * 1024 * 1024,
            PartitionContent.FromBytes(Random(32 * 1024 * 1024, 2))));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public string HashWhileWriting()
    {
        var path = Path.Combine(_directory, "basalt.raw");
        File.Delete(path);
        var hash = new DiskHash(HashAlgorithmName.SHA256, CancellationToken.None);
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                _builder.WriteAsync(file, hash).GetAwaiter().GetResult();
            }

            using var state = hash.CompleteAsync().GetAwaiter().GetResult();
            return Convert.ToHexStringLower(state.GetHashAndReset());
        }
        finally
        {
            hash.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public string WriteThenSha256sum()
    {
        var path = Path.Combine(_directory, "then.raw");
        File.Delete(path);
        _builder.WriteAsync(path).GetAwaiter().GetResult();
        var psi = new ProcessStartInfo("sha256sum") { UseShellExecute = false, RedirectStandardOutput = true };
        psi.ArgumentList.Add(path);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output[..64] : throw new InvalidOperationException("sha256sum failed");
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
