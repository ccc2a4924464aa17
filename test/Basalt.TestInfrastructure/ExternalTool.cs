using System.Diagnostics;
using System.Text;

namespace Basalt.TestInfrastructure;

/// <summary>
/// Runs the reference tools (rpm, cpio, veritysetup, …) that differential tests compare against.
/// A missing tool skips the test with a visible reason, except under CI (CI=true), where it fails
/// with the Debian package to install: CI must never pass by skipping.
/// </summary>
public static class ExternalTool
{
    /// <summary>Skips (or, under CI, fails) the current test unless <paramref name="tool"/> is on PATH.</summary>
    public static string Require(string tool, string debianPackage)
    {
        var path = Find(tool);
        if (path is not null)
        {
            return path;
        }

        var message = $"'{tool}' is not installed (apt-get install {debianPackage}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " CI must install it in .ci/run.");
        }

        Assert.Skip(message);
        return tool; // unreachable: Assert.Skip throws
    }

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? Find(string tool)
    {
        if (System.IO.Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                     .Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a command with arguments (no shell), returning exit code and captured output as bytes.</summary>
    public static ToolResult Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        byte[]? stdin = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        // Reference tools print locale-dependent text (dates, sorting); pin them.
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["TZ"] = "UTC";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = ReadAllAsync(process.StandardError.BaseStream);
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', psi.ArgumentList)}' did not finish in time.");
        }

        return new ToolResult(process.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }

    /// <summary>Runs a shell pipeline with <c>/bin/sh -c</c> (for pipes such as <c>rpm2cpio | cpio</c>).</summary>
    public static ToolResult Shell(string script, string? workingDirectory = null, TimeSpan? timeout = null)
        => Run("/bin/sh", ["-c", script], workingDirectory, timeout: timeout);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}

/// <summary>The outcome of an external tool run.</summary>
public sealed record ToolResult(int ExitCode, byte[] StandardOutputBytes, byte[] StandardErrorBytes)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public string StandardError => Encoding.UTF8.GetString(StandardErrorBytes);

    /// <summary>Throws with the tool's stderr when it failed.</summary>
    public ToolResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {StandardError}");
        }

        return this;
    }
}
