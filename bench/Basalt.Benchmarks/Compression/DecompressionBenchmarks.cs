using System.Diagnostics;
using Basalt.Compression;
using BenchmarkDotNet.Attributes;

namespace Basalt.Benchmarks.Compression;

/// <summary>
/// Decompression throughput per codec on a payload-sized input (see <see cref="BenchmarkInput"/>), in process versus
/// the reference command line tool decoding the same file to /dev/null. MB/s = <see cref="BenchmarkInput.Size"/> / mean.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*DecompressionBenchmarks*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class DecompressionBenchmarks
{
    private string _compressedPath = "";

    [Params(CompressionFormat.Gzip, CompressionFormat.Bzip2, CompressionFormat.Xz, CompressionFormat.Lzma, CompressionFormat.Zstd)]
    public CompressionFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var input = BenchmarkInput.Path();
        _compressedPath = BenchmarkInput.Compressed(input, Format);
        var ratio = (double)new FileInfo(input).Length / new FileInfo(_compressedPath).Length;
        Console.WriteLine($"// {Format}: {new FileInfo(_compressedPath).Length} compressed bytes, ratio {ratio:F2}");
    }

    [Benchmark(Baseline = true)]
    public long Basalt()
    {
        using var file = new FileStream(_compressedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = Decompression.Open(file, Format, DecompressionLimits.Default);
        stream.CopyTo(Stream.Null, 1 << 17);
        return stream.DecompressedBytes;
    }

    [Benchmark]
    public int CommandLine()
    {
        var (tool, args) = BenchmarkInput.Decoder(Format);
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = false, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"{tool} {args} < '{_compressedPath}' > /dev/null");
        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"{tool} failed");
    }
}
