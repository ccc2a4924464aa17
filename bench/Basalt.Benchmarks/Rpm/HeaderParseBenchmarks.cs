using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Query;

namespace Basalt.Benchmarks.Rpm;

/// <summary>
/// Reading the headers of every .rpm fixture under shared/data (lead, signature, header), then the typed view, then
/// a %{NEVRA} query, against <c>rpm -qp --nosignature --nodigest --qf '%{NEVRA}\n'</c> over the same files in one
/// rpm process (the baseline; the ratio column is Basalt's time over rpm's).
/// </summary>
[MemoryDiagnoser]
public class HeaderParseBenchmarks
{
    private static readonly RpmQueryFormatter Nevra = RpmQueryFormatter.Compile("%{NEVRA}\\n");

    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = Directory.GetFiles(SharedData(), "*.rpm", SearchOption.AllDirectories);
        Array.Sort(_files, StringComparer.Ordinal);
    }

    /// <summary>How many packages each invocation reads.</summary>
    public int PackageCount => _files.Length;

    [Benchmark(Baseline = true)]
    public void RpmQueryNevra()
    {
        var psi = new ProcessStartInfo("rpm") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-qp", "--nosignature", "--nodigest", "--qf", "%{NEVRA}\\n", .. _files])
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start rpm.");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }

    [Benchmark]
    public int ParseHeaders()
    {
        var entries = 0;
        foreach (var file in _files)
        {
            entries += RpmPackageHeaders.Read(file).Header.Entries.Count;
        }

        return entries;
    }

    [Benchmark]
    public int ParseHeadersAndTypedView()
    {
        var files = 0;
        foreach (var file in _files)
        {
            files += RpmPackageInfo.FromHeader(RpmPackageHeaders.Read(file).Header).Files.Count;
        }

        return files;
    }

    [Benchmark]
    public int QueryNevra()
    {
        var bytes = 0;
        foreach (var file in _files)
        {
            bytes += Nevra.Render(RpmPackageHeaders.Read(file)).Length;
        }

        return bytes;
    }

    private static string SharedData()
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
                if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data not found; set BASALT_SHARED_DATA.");
    }
}
