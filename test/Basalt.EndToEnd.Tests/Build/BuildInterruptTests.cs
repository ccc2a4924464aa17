using System.Diagnostics;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>Ctrl+C on a real `basalt build` process: the signal cancels the build, which cleans up and exits 130.</summary>
[Collection(SampleImageGroup.Name)]
public sealed class BuildInterruptTests(SampleImageFixture image)
{
    [Theory]
    [InlineData("SIGINT", "basalt: fetch")]
    [InlineData("SIGINT", "basalt: layout")]
    [InlineData("SIGTERM", "basalt: install")]
    public async Task Build_SignalledMidway_ExitsCancelledAndLeavesTheOutputFolderAsItWas(string signal, string afterLine)
    {
        using var output = new TempDirectory();
        File.WriteAllText(output.Path("keep.txt"), "from before");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BasaltProcess.Dll, "build", SampleImageFixture.Definition, "-o", output.FullPath, "--repo", "basalt-samples=" + image.Repository },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = new List<string>();
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken)) is not null)
        {
            stderr.Add(line);
            if (line.StartsWith(afterLine, StringComparison.Ordinal))
            {
                ExternalTool.Run("kill", ["-s", signal[3..], process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess("kill");
                break;
            }
        }

        stderr.AddRange((await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await stdout;

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}; stderr:\n{string.Join('\n', stderr)}");
        Assert.Equal("basalt: cancelled", stderr[^1]);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(output.FullPath).Select(Path.GetFileName));
    }
}
