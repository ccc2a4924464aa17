using System.Text;
using Basalt.Packaging;

namespace Basalt.Compose.Accounts;

public sealed partial class AccountDatabase
{
    private const int MaxEncodedLine = 4096;

    /// <summary>
    /// Applies rpm's user and group provides (rpm &gt;= 4.19, docs/manual/users_and_groups.md): <c>user(NAME)</c> or
    /// <c>group(NAME)</c> whose version is the base64 of a sysusers.d line, the input '\0'-padded to a multiple of three
    /// bytes so the text has no '=' (which an EVR may not hold). rpm feeds the decoded lines to systemd-sysusers at
    /// install time; here they run as one sysusers run per package. A <c>user(NAME)</c> without a version creates a
    /// system user (and its group) of that name if missing, a <c>group(NAME)</c> without one a system group; rpm emits
    /// an unversioned group provide beside each user line, and that group is the user's own.
    /// </summary>
    public IReadOnlyList<string> ApplyProvides(string packageNevra, IEnumerable<Dependency> provides)
    {
        ArgumentNullException.ThrowIfNull(packageNevra);
        ArgumentNullException.ThrowIfNull(provides);
        var source = $"package '{packageNevra}'";
        var decoded = new List<SysusersItem>();
        var plain = new List<(SysusersType Type, string Name)>();
        foreach (var provide in provides)
        {
            if (!TryAccountProvide(provide.Name, out var type, out var name))
            {
                continue;
            }

            if (provide.Version.Length == 0)
            {
                plain.Add((type, name));
                continue;
            }

            var line = DecodeLine(provide, source);
            var item = SysusersParser.ParseLine(line, $"{source} provide '{provide.Name}'")
                ?? throw new InvalidDataException($"{source}: provide '{provide}' encodes an empty sysusers.d line.");
            var expected = type == SysusersType.User ? SysusersType.User : SysusersType.Group;
            if (item.Type != expected || item.Name != name)
            {
                throw new InvalidDataException($"{source}: provide '{provide.Name}' encodes '{line}', a line for another account.");
            }

            decoded.Add(item);
        }

        foreach (var (type, name) in plain)
        {
            var configured = decoded.Any(i => i.Name == name && (type == SysusersType.Group || i.Type == SysusersType.User));
            if (!configured)
            {
                decoded.Add(new SysusersItem { Type = type, Name = name, Source = $"{source} provide '{(type == SysusersType.User ? "user" : "group")}({name})'" });
            }
        }

        // The system range comes from the login.defs of the tree this database was loaded from.
        return new SysusersRun(this, null, _systemRange, decoded).Apply();
    }

    /// <summary>Decodes the EVR of a user()/group() provide into its sysusers.d line (trailing '\0' padding removed).</summary>
    internal static string DecodeLine(Dependency provide, string source)
    {
        var text = provide.Version;
        if (text.Length > MaxEncodedLine)
        {
            throw new InvalidDataException($"{source}: provide '{provide.Name}' has a {text.Length}-character version, too long for a sysusers.d line.");
        }

        byte[] bytes;
        try
        {
            // rpm writes no '=' padding; restore it for the decoder.
            bytes = Convert.FromBase64String(text + new string('=', (4 - (text.Length % 4)) % 4));
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{source}: the version of provide '{provide.Name}' ('{text}') is not base64 of a sysusers.d line.");
        }

        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] == 0)
        {
            length--;
        }

        string line;
        try
        {
            line = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{source}: provide '{provide.Name}' does not encode UTF-8 text.");
        }

        if (line.Contains('\0', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: provide '{provide.Name}' encodes more than one line.");
        }

        return line;
    }

    private static bool TryAccountProvide(string capability, out SysusersType type, out string name)
    {
        (type, var prefix) = capability.StartsWith("user(", StringComparison.Ordinal) ? (SysusersType.User, "user(")
            : capability.StartsWith("group(", StringComparison.Ordinal) ? (SysusersType.Group, "group(")
            : (SysusersType.Range, "");
        name = prefix.Length > 0 && capability.EndsWith(')') ? capability[prefix.Length..^1] : "";
        return prefix.Length > 0 && SysusersParser.IsValidName(name);
    }
}
