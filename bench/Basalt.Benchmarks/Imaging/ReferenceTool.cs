using System.Diagnostics;

namespace Basalt.Benchmarks.Imaging;

/// <summary>Runs a reference tool to completion, as the other side of a comparison benchmark.</summary>
internal static class ReferenceTool
{
    public static void Run(string tool, params string[] arguments)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start '{tool}'.");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{tool}' failed with exit code {process.ExitCode}.");
        }
    }

    /// <summary>Outputs go to RAM (/dev/shm) when available so disk writeback does not decide the race.</summary>
    public static string OutputDirectory(string name)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
