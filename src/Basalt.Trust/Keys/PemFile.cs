using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Keys;

/// <summary>Reads the one PEM block (RFC 7468) we want from a small key file, naming the file in every error.</summary>
internal static class PemFile
{
    /// <summary>Key files are a few hundred bytes; anything much larger is not one.</summary>
    private const long MaxBytes = 64 * 1024;

    public static (string Label, byte[] Der) Read(string path, IReadOnlyList<string> labels)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Key file '{path}' does not exist.", path);
        }

        if (info.Length > MaxBytes)
        {
            throw new InvalidDataException($"'{path}' is {info.Length} bytes; a PEM key file is under {MaxBytes}.");
        }

        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path)).AsSpan();
        var found = new List<string>();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label].ToString();
            if (labels.Contains(label, StringComparer.Ordinal))
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written) || written != der.Length)
                {
                    throw new InvalidDataException($"'{path}': the '{label}' PEM block is not valid base64.");
                }

                return (label, der);
            }

            found.Add(label);
            text = text[fields.Location.End..];
        }

        var wanted = string.Join(" or ", labels.Select(l => $"'{l}'"));
        if (found.Contains("EC PRIVATE KEY") || found.Contains("OPENSSH PRIVATE KEY") || found.Contains("RSA PRIVATE KEY"))
        {
            throw new InvalidDataException(
                $"'{path}' holds a '{found[^1]}' block, not PKCS#8; convert it with 'openssl pkcs8 -topk8 -in {path}' (Basalt reads {wanted}).");
        }

        return found.Count == 0
            ? throw new InvalidDataException($"'{path}' is not a PEM key file: no {wanted} block.")
            : throw new InvalidDataException($"'{path}' holds {string.Join(", ", found.Select(l => $"'{l}'"))} but no {wanted} block.");
    }
}
