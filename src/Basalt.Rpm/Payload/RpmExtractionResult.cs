namespace Basalt.Rpm.Payload;

/// <summary>What an extraction wrote.</summary>
public sealed class RpmExtractionResult
{
    private readonly List<string> _warnings = [];

    public int Files { get; internal set; }

    public int Directories { get; internal set; }

    public int Symlinks { get; internal set; }

    /// <summary>Names created as additional hard links to a file of the same group.</summary>
    public int HardLinks { get; internal set; }

    /// <summary>Bytes of file content written.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Entries skipped (device nodes, FIFOs) and other remarks, each naming the package and entry.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal void Warn(string message) => _warnings.Add(message);
}
