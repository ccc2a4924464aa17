namespace Basalt.Compose.Build;

/// <summary>The stages of an image build, in the order they run.</summary>
public enum BuildStage
{
    Resolve,
    Fetch,
    Install,
    Configure,

    /// <summary>Kernel, initrd and EFI binaries (only for definitions with a <c>boot:</c> section).</summary>
    Boot,
    Layout,
    Write,

    /// <summary>SBOMs, provenance and checksums (only when the build was asked for them).</summary>
    Attest,
}

/// <summary>
/// Follows a build as it runs: the CLI draws a progress display from these calls, tests record them. Calls come from
/// the build's own task, one at a time.
/// </summary>
public interface IBuildObserver
{
    void StageStarted(BuildStage stage, string description);

    /// <summary>Progress within a stage: <paramref name="done"/> of <paramref name="total"/> units (0 total: unknown), and what is being worked on.</summary>
    void StageProgress(BuildStage stage, long done, long total, string detail);

    void StageCompleted(BuildStage stage, TimeSpan elapsed, string summary);

    /// <summary>A note for the user (a repository loading file lists, a skipped scriptlet count).</summary>
    void Notice(string message);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullBuildObserver : IBuildObserver
{
    public static NullBuildObserver Instance { get; } = new();

    public void StageStarted(BuildStage stage, string description)
    {
    }

    public void StageProgress(BuildStage stage, long done, long total, string detail)
    {
    }

    public void StageCompleted(BuildStage stage, TimeSpan elapsed, string summary)
    {
    }

    public void Notice(string message)
    {
    }
}
