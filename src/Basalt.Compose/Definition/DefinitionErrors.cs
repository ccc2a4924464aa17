using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>Collects errors during one validation pass; <see cref="ThrowIfAny"/> fails once with all of them.</summary>
internal sealed class DefinitionErrors
{
    private readonly List<DefinitionError> _errors = [];

    public int Count => _errors.Count;

    /// <summary>Adds an error at <paramref name="node"/>'s position (YamlDotNet marks are 1-based).</summary>
    public void Add(string keyPath, YamlNode? node, string message) =>
        _errors.Add(new DefinitionError(keyPath, node?.Start.Line, node?.Start.Column, message));

    public void ThrowIfAny(string source)
    {
        if (_errors.Count > 0)
        {
            // Document order, so the listing reads top to bottom like the file; errors without a position last.
            var ordered = _errors
                .Select((error, index) => (error, index))
                .OrderBy(e => e.error.Line ?? long.MaxValue)
                .ThenBy(e => e.error.Column ?? long.MaxValue)
                .ThenBy(e => e.index)
                .Select(e => e.error)
                .ToArray();
            throw new DefinitionException(source, ordered);
        }
    }
}
