namespace Basalt.Rpm.Manifest;

/// <summary>
/// A package manifest is not valid. <see cref="Errors"/> lists every problem found, each starting with the key
/// path it concerns (e.g. "files[2].mode"); the message names the manifest file and repeats them one per line.
/// </summary>
public sealed class ManifestException : BasaltException
{
    public ManifestException()
    {
        Errors = [];
    }

    public ManifestException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public ManifestException(string source, IReadOnlyList<string> errors)
        : base(Format(source, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    private static string Format(string source, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"'{source}' is not a valid package manifest ({errors.Count} {noun}):\n  " + string.Join("\n  ", errors);
    }
}
