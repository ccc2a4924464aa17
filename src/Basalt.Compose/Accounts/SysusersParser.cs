using System.Globalization;
using System.Text;

namespace Basalt.Compose.Accounts;

/// <summary>
/// Parses sysusers.d(5) lines: "TYPE NAME ID GECOS HOME SHELL", whitespace-separated, with single or double quotes
/// around a field containing spaces and '\' escaping the next character; "-" leaves a field unset; '#' starts a
/// comment line. Errors name the file and line, as systemd-sysusers refuses a file with a bad line.
/// </summary>
internal static partial class SysusersParser
{
    private const int MaxNameLength = 31; // systemd's valid_user_group_name: shorter than UT_NAMESIZE (32)

    public static List<SysusersItem> ParseFile(string text, string path)
    {
        var items = new List<SysusersItem>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(lines[i], $"'{path}' line {i + 1}") is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>Null for a blank or comment line.</summary>
    public static SysusersItem? ParseLine(string line, string source)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return null;
        }

        var words = Split(trimmed, source);
        if (words.Count > 6)
        {
            throw Error(source, $"trailing text after the shell field: '{words[6]}'");
        }

        string? Word(int index) => index < words.Count && words[index] != "-" ? Expand(words[index], source) : null;
        var (action, name, id, description, home, shell) = (words[0], Word(1), Word(2), Word(3), Word(4), Word(5));
        return action switch
        {
            "u" or "u!" => User(source, name, id, description, home, shell, locked: action == "u!"),
            "g" => NoMoreFields(source, "g", description, home, shell) ?? Group(source, name, id),
            "m" => NoMoreFields(source, "m", description, home, shell) ?? Member(source, name, id),
            "r" => NoMoreFields(source, "r", description, home, shell) ?? Range(source, name, id),
            _ => throw Error(source, $"unknown line type '{action}' (expected u, g, m or r)"),
        };
    }

    private static SysusersItem User(string source, string? name, string? id, string? description, string? home, string? shell, bool locked)
    {
        CheckName(source, name, "user");
        CheckText(source, description, "GECOS");
        CheckPath(source, home, "home directory");
        CheckPath(source, shell, "shell");
        uint? uid = null, gid = null;
        string? groupName = null, idPath = null;
        if (id is not null && id.StartsWith('/'))
        {
            idPath = id;
        }
        else if (id is not null)
        {
            var colon = id.IndexOf(':', StringComparison.Ordinal);
            var uidText = colon < 0 ? id : id[..colon];
            if (colon >= 0)
            {
                var groupText = id[(colon + 1)..];
                if (ParseId(groupText) is { } parsed)
                {
                    gid = parsed;
                }
                else if (IsValidName(groupText))
                {
                    groupName = groupText;
                }
                else
                {
                    throw Error(source, $"'{groupText}' in '{id}' is neither a group id nor a group name");
                }
            }

            if (uidText != "-")
            {
                uid = ParseId(uidText) ?? throw Error(source, $"'{uidText}' is not a user id (0 to 4294967294)");
            }
        }

        return new SysusersItem
        {
            Type = SysusersType.User, Name = name!, Source = source, Uid = uid, Gid = gid, StrictId = gid is not null,
            GroupName = groupName, IdPath = idPath, Description = description, Home = home, Shell = shell, FullyLocked = locked,
        };
    }

    private static SysusersItem Group(string source, string? name, string? id)
    {
        CheckName(source, name, "group");
        if (id is not null && id.StartsWith('/'))
        {
            return new SysusersItem { Type = SysusersType.Group, Name = name!, Source = source, IdPath = id };
        }

        uint? gid = id is null ? null : ParseId(id) ?? throw Error(source, $"'{id}' is not a group id (0 to 4294967294)");
        return new SysusersItem { Type = SysusersType.Group, Name = name!, Source = source, Gid = gid };
    }

    private static SysusersItem Member(string source, string? user, string? group)
    {
        CheckName(source, user, "user");
        CheckName(source, group, "group");
        return new SysusersItem { Type = SysusersType.Member, Name = user!, Source = source, MemberOf = group };
    }

    private static SysusersItem Range(string source, string? name, string? id)
    {
        if (name is not null)
        {
            throw Error(source, "an 'r' line takes no name (write '-')");
        }

        var dash = id?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        var first = ParseId(id is null ? "" : dash < 0 ? id : id[..dash]);
        var last = dash < 0 ? first : ParseId(id![(dash + 1)..]);
        if (first is null || last is null || last < first)
        {
            throw Error(source, $"'{id}' is not an id range (FIRST-LAST or a single id)");
        }

        return new SysusersItem { Type = SysusersType.Range, Name = "-", Source = source, Range = (first.Value, last.Value) };
    }

    private static SysusersItem? NoMoreFields(string source, string type, params string?[] fields) =>
        fields.Any(f => f is not null) ? throw Error(source, $"a '{type}' line takes no GECOS, home or shell field") : null;

    internal static uint? ParseId(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit)
        && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != uint.MaxValue
            ? id
            : null;

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static void CheckName(string source, string? name, string what)
    {
        if (name is null || !IsValidName(name))
        {
            throw Error(source, $"'{name ?? "-"}' is not a valid {what} name (letters, digits, _ and -, starting with a letter or _, at most {MaxNameLength} characters)");
        }
    }

    private static void CheckText(string source, string? value, string what)
    {
        if (value is not null && value.Any(c => c is ':' or '\n' or '\0'))
        {
            throw Error(source, $"the {what} '{value}' contains ':' or a control character");
        }
    }

    private static void CheckPath(string source, string? value, string what)
    {
        CheckText(source, value, what);
        if (value is not null && !value.StartsWith('/'))
        {
            throw Error(source, $"the {what} '{value}' is not an absolute path");
        }
    }


    private static InvalidDataException Error(string source, string message) => new($"{source}: {message}.");
}
