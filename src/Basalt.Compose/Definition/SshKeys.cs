using System.Buffers.Binary;
using System.Text;

namespace Basalt.Compose.Definition;

/// <summary>
/// Checks an authorized_keys line (sshd(8) "AUTHORIZED_KEYS FILE FORMAT", without options): a key type, the
/// base64 public key blob whose first RFC 4253 §6.6 string repeats the type, and an optional comment.
/// </summary>
internal static class SshKeys
{
    private static readonly string[] KeyTypes =
    [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>Null when the line is a usable key; otherwise what is wrong with it.</summary>
    public static string? Check(string line)
    {
        if (line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal))
        {
            return "an authorized key must be a single line";
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !KeyTypes.Contains(parts[0], StringComparer.Ordinal))
        {
            return $"is not an SSH public key line (expected '<type> <base64> [comment]' with type one of: {string.Join(", ", KeyTypes)})";
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return $"the {parts[0]} key is not valid base64";
        }

        // The blob is hostile: its length field is checked against the bytes present before it is used.
        var length = blob.Length < 4 ? uint.MaxValue : BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > blob.Length - 4 || Encoding.ASCII.GetString(blob, 4, (int)length) != parts[0])
        {
            return $"the key data does not hold a {parts[0]} key";
        }

        return null;
    }
}
