using System.Text;

namespace Basalt.Cli;

/// <summary>
/// Where a command writes. The real process uses stdout/stderr; tests pass memory streams so they can
/// assert output byte for byte without starting a process.
/// </summary>
internal sealed class CliContext
{
    public CliContext(Stream standardOutput, TextWriter error)
    {
        StandardOutput = standardOutput;
        Out = new StreamWriter(standardOutput, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true)
        {
            AutoFlush = true,
            NewLine = "\n",
        };
        Error = error;
    }

    /// <summary>Raw standard output, for commands whose output must be byte-exact (rpm query formats).</summary>
    public Stream StandardOutput { get; }

    /// <summary>Text standard output (UTF-8, LF).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: diagnostics and progress, never machine output.</summary>
    public TextWriter Error { get; }

    /// <summary>True when colour and decoration are allowed: a terminal, and NO_COLOR unset.</summary>
    public bool UseColor { get; init; }

    /// <summary>True when standard error is a terminal, where progress can be redrawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }

    public static CliContext ForConsole()
    {
        var error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new CliContext(Console.OpenStandardOutput(), error)
        {
            UseColor = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
    }
}
