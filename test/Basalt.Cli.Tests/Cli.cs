using System.Text;
using Basalt.Cli.Commands;

namespace Basalt.Cli.Tests;

/// <summary>Runs the <c>basalt</c> command tree in-process with captured output.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error);
        var exitCode = CommandRunner.InvokeAsync(BasaltRootCommand.Create(context), context, args).GetAwaiter().GetResult();
        context.Out.Flush();
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);
}
