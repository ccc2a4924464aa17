using System.Globalization;
using System.Text;

namespace Basalt.Compose.Definition;

/// <summary>
/// An image definition that cannot be used. It carries every error found in one pass, each naming its key path,
/// so a user fixes them all at once rather than one per run.
/// </summary>
public sealed class DefinitionException : BasaltException
{
    public DefinitionException()
        : this("The image definition is not valid.")
    {
    }

    public DefinitionException(string message)
        : base(message) => Errors = [];

    public DefinitionException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public DefinitionException(string source, IReadOnlyList<DefinitionError> errors)
        : base(Format(source, errors)) => Errors = errors;

    /// <summary>Every error found, in document order.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Format(string source, IReadOnlyList<DefinitionError> errors)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"'{source}' is not a valid image definition ({errors.Count} {(errors.Count == 1 ? "error" : "errors")}):");
        foreach (var error in errors)
        {
            text.Append("\n  ").Append(error);
        }

        return text.ToString();
    }
}
