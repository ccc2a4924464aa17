namespace Basalt.Trust.Sbom;

/// <summary>
/// SPDX element ids (SPDX 2.3 §3.2: "SPDXRef-" followed by [A-Za-z0-9.-]). Other characters become '-', and a
/// sanitised id already taken gets "-2", "-3", … in allocation order, which the writers fix by sorting first.
/// </summary>
internal sealed class SpdxIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Allocate(string kind, string text)
    {
        var baseId = "SPDXRef-" + kind + "-" + Sanitize(text);
        var id = baseId;
        for (var n = 2; !_used.Add(id); n++)
        {
            id = baseId + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return id;
    }

    internal static string Sanitize(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-';
            }
        });
}
