using System.Diagnostics;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Qcow2;
using BenchmarkDotNet.Attributes;

namespace Basalt.Benchmarks.Disk;

/// <summary>
/// raw → qcow2 on a 512 MiB GPT disk holding 48 MiB of data (an ESP and a root partition, the rest holes),
/// in process versus <c>qemu-img convert -O qcow2</c> on the same file. Both write to the same temp folder.
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*Qcow2ConvertBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class Qcow2ConvertBenchmarks
{
    private string _directory = "";
    private string _raw = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "basalt-bench-qcow2");
        Directory.CreateDirectory(_directory);
        _raw = Path.Combine(_directory, "disk.raw");
        var seed = "bench"u8.ToArray();
        var builder = new DiskImageBuilder(GuidDerivation.Derive(seed, "disk")) { DiskSizeBytes = 512L * 1024 * 1024 };
        builder.Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, GuidDerivation.Derive(seed, "esp"), 64L * 1024 * 1024,
            PartitionContent.FromBytes(Random(16 * 1024 * 1024, 1))));
        builder.Add(new DiskPartitionSpec("root", GptPartitionTypes.RootX64, GuidDerivation.Derive(seed, "root"), 400L * 1024 * 1024,
            PartitionContent.FromBytes(Random(32 * 1024 * 1024, 2))));
        File.Delete(_raw);
        builder.WriteAsync(_raw).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public long Basalt()
    {
        var output = Path.Combine(_directory, "basalt.qcow2");
        File.Delete(output);
        Qcow2Writer.ConvertAsync(_raw, output).GetAwaiter().GetResult();
        return new FileInfo(output).Length;
    }

    [Benchmark]
    public long QemuImg()
    {
        var output = Path.Combine(_directory, "qemu.qcow2");
        File.Delete(output);
        var psi = new ProcessStartInfo("qemu-img") { UseShellExecute = false };
        foreach (var argument in new[] { "convert", "-f", "raw", "-O", "qcow2", _raw, output })
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode == 0 ? new FileInfo(output).Length : throw new InvalidOperationException("qemu-img convert failed");
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
