using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basalt.Trust.Provenance;

/// <summary>
/// The in-toto Statement v1 (in-toto attestation spec v1, statement.md) whose predicate is SLSA Provenance v1
/// (https://slsa.dev/provenance/v1), made from a <see cref="BuildRecord"/>. The bytes are deterministic: keys in a
/// fixed order, subjects and dependencies sorted ordinally, times as RFC 3339 UTC, two-space indentation, LF.
/// </summary>
public static partial class ProvenanceStatement
{
    public const string PayloadType = "application/vnd.in-toto+json";

    public const string BuildType = "https://basalt.example/build/image/v1";

    public const string StatementType = "https://in-toto.io/Statement/v1";

    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>The builder: the <c>basalt</c> command run by whoever holds the signing key (SLSA Build L1/L2 trust boundary).</summary>
    public const string BuilderId = "https://basalt.example/builder/cli/v1";

    /// <summary>Basalt's own package URL; its version is added as <c>@VERSION</c> (purl spec, type "generic").</summary>
    public const string BasaltPurl = "pkg:generic/basalt";

    /// <summary>Statements describe a build, not its bytes; larger input is refused before parsing.</summary>
    public const int MaxStatementBytes = 64 * 1024 * 1024;

    /// <summary>in-toto field_types.md "Timestamp": RFC 3339 in UTC with "Z"; fractions only when present.</summary>
    internal static string Timestamp(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The statement is data, never embedded in HTML: keep '+' in NEVRAs and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
