using System.Diagnostics;
using System.Globalization;
using Basalt.Compose.Build;

namespace Basalt.Cli.Commands.Build;

/// <summary>
/// Draws build progress on stderr. On a terminal, one status line is redrawn in place (at most ten times a second) and
/// each finished stage leaves a line; when stderr is a file or pipe only the stage lines are written, so logs stay readable.
/// </summary>
internal sealed class ConsoleBuildObserver(TextWriter error, bool interactive) : IBuildObserver
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _sinceRedraw = Stopwatch.StartNew();
    private bool _statusShown;

    public void StageStarted(BuildStage stage, string description) => Status($"{Name(stage)}: {description}…", force: true);

    public void StageProgress(BuildStage stage, long done, long total, string detail)
    {
        var count = total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {done}/{total}") : "";
        Status($"{Name(stage)}{count} {detail}", force: false);
    }

    public void StageCompleted(BuildStage stage, TimeSpan elapsed, string summary)
    {
        ClearStatus();
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"basalt: {Name(stage),-9} {summary} ({elapsed.TotalSeconds:0.00} s)"));
    }

    public void Notice(string message)
    {
        ClearStatus();
        error.WriteLine("basalt: " + message);
    }

    /// <summary>Removes the status line, so an error message or the summary starts on a clean line.</summary>
    public void Finish() => ClearStatus();

    private void Status(string text, bool force)
    {
        if (!interactive || (!force && _sinceRedraw.Elapsed < RedrawInterval))
        {
            return;
        }

        var width = Math.Max(20, (Console.IsErrorRedirected ? 80 : Console.WindowWidth) - 1);
        error.Write("\r\u001b[K" + (text.Length > width ? text[..(width - 1)] + "…" : text));
        _statusShown = true;
        _sinceRedraw.Restart();
    }

    private void ClearStatus()
    {
        if (_statusShown)
        {
            error.Write("\r\u001b[K");
            _statusShown = false;
        }
    }

    private static string Name(BuildStage stage) => stage.ToString().ToLowerInvariant();
}
