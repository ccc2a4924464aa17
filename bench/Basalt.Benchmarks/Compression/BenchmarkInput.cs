using System.Diagnostics;
using System.IO.Compression;
using Basalt.Compression;

namespace Basalt.Benchmarks.Compression;

/// <summary>
/// A payload-sized (48 MiB) input shaped like an RPM payload: half real metadata text (CentOS Stream 9 AppStream
/// primary.xml from shared/data), half binaries (the .NET shared framework's assemblies, sorted by name). Compressed
/// once per codec with the reference tools at rpm's usual levels, cached under the temp directory.
/// </summary>
internal static class BenchmarkInput
{
    public const long Size = 48L << 20;

    private const string AppStreamPrimary =
        "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream/repodata/c03bb2ebc33bbee3046da091b45d90717273a43d3641a9d84e6eede05637bc8a-primary.xml.gz";

    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "basalt-bench-compression");

    public static string Path()
    {
        Directory.CreateDirectory(Folder);
        var path = System.IO.Path.Combine(Folder, "input.bin");
        if (File.Exists(path) && new FileInfo(path).Length == Size)
        {
            return path;
        }

        using var output = File.Create(path);
        using (var xml = new GZipStream(File.OpenRead(SharedData(AppStreamPrimary)), CompressionMode.Decompress))
        {
            CopyAtMost(xml, output, Size / 2);
        }

        var runtime = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var dll in Directory.GetFiles(runtime, "*.dll").Order(StringComparer.Ordinal))
        {
            using var file = File.OpenRead(dll);
            CopyAtMost(file, output, Size - output.Length);
            if (output.Length >= Size)
            {
                break;
            }
        }

        // Pad with the XML again if the framework is smaller than 24 MiB.
        while (output.Length < Size)
        {
            using var xml = new GZipStream(File.OpenRead(SharedData(AppStreamPrimary)), CompressionMode.Decompress);
            CopyAtMost(xml, output, Size - output.Length);
        }

        return path;
    }

    /// <summary>The input compressed with the reference CLI (gzip -9 and bzip2 -9 as rpm's w9, xz/lzma -6, zstd -19).</summary>
    public static string Compressed(string input, CompressionFormat format)
    {
        var (tool, args, extension) = format switch
        {
            CompressionFormat.Gzip => ("gzip", "-9nc", "gz"),
            CompressionFormat.Bzip2 => ("bzip2", "-9c", "bz2"),
            CompressionFormat.Xz => ("xz", "-6c -T1", "xz"),
            CompressionFormat.Lzma => ("xz", "--format=lzma -6c", "lzma"),
            CompressionFormat.Zstd => ("zstd", "-19 -c -q", "zst"),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        var path = input + "." + extension;
        if (!File.Exists(path))
        {
            Shell($"{tool} {args} < '{input}' > '{path}.tmp' && mv '{path}.tmp' '{path}'");
        }

        return path;
    }

    public static (string Tool, string Args) Decoder(CompressionFormat format) => format switch
    {
        CompressionFormat.Gzip => ("gzip", "-dc"),
        CompressionFormat.Bzip2 => ("bzip2", "-dc"),
        CompressionFormat.Xz => ("xz", "-dc -T1"),
        CompressionFormat.Lzma => ("xz", "--format=lzma -dc"),
        CompressionFormat.Zstd => ("zstd", "-dc -q"),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static void Shell(string script)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = Process.Start(psi)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' failed with exit code {process.ExitCode}.");
        }
    }

    private static void CopyAtMost(Stream source, Stream destination, long count)
    {
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                return;
            }

            destination.Write(buffer, 0, read);
            count -= read;
        }
    }

    private static string SharedData(string relative)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BASALT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Path.Combine(fromEnvironment, relative);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relative}' not found under shared/data; set BASALT_SHARED_DATA.");
    }
}
