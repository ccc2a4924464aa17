using System.Text;
using Basalt.Trust.Provenance;

namespace Basalt.Trust.Checksums;

/// <summary>
/// A <c>SHA256SUMS</c> file exactly as GNU <c>sha256sum</c> prints it (coreutils, "md5sum invocation"): one line
/// per file, "HEX␠␠NAME\n" (two spaces: text mode), sorted by name ordinally, so <c>sha256sum -c SHA256SUMS</c>
/// checks the output folder. Names that coreutils would escape (backslash, CR, LF) start the line with '\' and
/// are escaped as it does, so such a line still reads back.
/// </summary>
public static class Sha256Sums
{
    /// <summary>One line per artefact; a release folder has tens of files, not millions.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static byte[] Write(IEnumerable<BuildArtifact> artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        var text = new StringBuilder();
        string? previous = null;
        foreach (var artifact in artifacts.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            if (artifact.Name.Length == 0 || previous == artifact.Name)
            {
                throw new ArgumentException($"Artefact name '{artifact.Name}' is empty or repeated.", nameof(artifacts));
            }

            if (!Hex.IsSha256(artifact.Sha256))
            {
                throw new ArgumentException($"Artefact '{artifact.Name}' has '{artifact.Sha256}', not a lowercase hex SHA-256.", nameof(artifacts));
            }

            previous = artifact.Name;
            var escaped = Escape(artifact.Name);
            if (!ReferenceEquals(escaped, artifact.Name))
            {
                text.Append('\\');
            }

            text.Append(artifact.Sha256).Append("  ").Append(escaped).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Reads sha256sum output: "HEX␠␠NAME" or "HEX␠*NAME" (binary mode), optionally '\'-escaped, hex in either
    /// case (returned lowercase). Bytes is -1: the file does not record sizes. Errors name the file and line.
    /// </summary>
    public static IReadOnlyList<BuildArtifact> Read(ReadOnlySpan<byte> text, string name)
    {
        if (text.Length > MaxBytes)
        {
            throw new InvalidDataException($"'{name}' is {text.Length} bytes; a checksum list is under {MaxBytes}.");
        }

        string content;
        try
        {
            content = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException($"'{name}' is not UTF-8 text.", exception);
        }

        var result = new List<BuildArtifact>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = content.Split('\n');
        var count = content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            var escaped = line.StartsWith('\\');
            var body = escaped ? line[1..] : line;
            if (body.Length < 67 || body[64] != ' ' || body[65] is not (' ' or '*') || !IsHex(body.AsSpan(0, 64)))
            {
                throw new InvalidDataException($"'{name}' line {i + 1}: expected 'SHA256  NAME' as sha256sum prints it.");
            }

            var fileName = escaped ? Unescape(body[66..], name, i + 1) : body[66..];
            if (!names.Add(fileName))
            {
                throw new InvalidDataException($"'{name}' line {i + 1}: '{fileName}' is listed twice.");
            }

            result.Add(new BuildArtifact(fileName, body[..64].ToLowerInvariant(), -1));
        }

        return result;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>coreutils escapes '\' as "\\", LF as "\n" and CR as "\r" (since 9.0) and then prefixes the line with '\'.</summary>
    private static string Escape(string fileName)
        => fileName.AsSpan().IndexOfAny('\\', '\n', '\r') < 0
            ? fileName
            : fileName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string text, string name, int line)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(i + 1 < text.Length
                ? text[++i] switch
                {
                    '\\' => '\\',
                    'n' => '\n',
                    'r' => '\r',
                    var other => throw new InvalidDataException($"'{name}' line {line}: unknown escape '\\{other}'."),
                }
                : throw new InvalidDataException($"'{name}' line {line}: the name ends in a lone '\\'."));
        }

        return builder.ToString();
    }
}
