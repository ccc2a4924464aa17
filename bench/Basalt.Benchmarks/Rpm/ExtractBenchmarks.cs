using System.Diagnostics;
using Basalt.Rpm.Payload;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Basalt.Benchmarks.Rpm;

/// <summary>
/// Payload extraction: Basalt's checked extractor (decompress, match every entry with the header, hash every file
/// against FILEDIGESTS, write with modes and mtimes) versus <c>rpm2cpio FILE | cpio -idm</c> (the baseline; the ratio
/// column is Basalt's time over rpm's) on the same package. Packages: the ~100 MiB gzip/xz/zstd packages that
/// bench/scripts/rpm-extract-compare.sh builds in $WORK (default /tmp/basalt-bench-rpm), or, when they are absent,
/// the largest real fixture (389-ds-base-devel, xz).
/// Run: dotnet run -c Release --project bench/Basalt.Benchmarks -- --filter '*Rpm.ExtractBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ExtractBenchmarks
{
    private string _output = "";

    [ParamsSource(nameof(Packages))]
    public string Package { get; set; } = "";

    public static IEnumerable<string> Packages()
    {
        var work = Environment.GetEnvironmentVariable("WORK") ?? "/tmp/basalt-bench-rpm";
        var built = Directory.Exists(work) ? Directory.GetFiles(work, "bench-*.rpm") : [];
        if (built.Length > 0)
        {
            Array.Sort(built, StringComparer.Ordinal);
            return built;
        }

        return [Path.Combine(ExtractBenchmarkData.SharedData(), "rpms/rpm-rs/historical@2aa5d15/test_assets/389-ds-base-devel-1.3.8.4-15.el7.x86_64.rpm")];
    }

    [IterationSetup]
    public void CreateOutput()
    {
        _output = Path.Combine(Path.GetTempPath(), $"basalt-extract-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_output);
    }

    [IterationCleanup]
    public void DeleteOutput() => Directory.Delete(_output, recursive: true);

    [Benchmark(Baseline = true)]
    public void Rpm2CpioCpio()
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _output };
        foreach (var argument in (string[])["-c", "rpm2cpio \"$1\" | cpio -idm --quiet --no-absolute-filenames", "extract", Package])
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rpm2cpio | cpio failed on '{Package}' with exit code {process.ExitCode}.");
        }
    }

    [Benchmark]
    public RpmExtractionResult Basalt() => RpmPayloadExtractor.Extract(Package, Path.Combine(_output, "root"));
}

/// <summary>Locates shared/data for benchmarks (BASALT_SHARED_DATA, else walking up from the binary or working directory).</summary>
internal static class ExtractBenchmarkData
{
    public static string SharedData()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BASALT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data not found; set BASALT_SHARED_DATA.");
    }
}
