using System.Globalization;
using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

/// <summary>
/// Reads the four account files (passwd(5), group(5), shadow(5), gshadow(5)): one entry a line, fields separated by
/// ':'. Blank lines are skipped; anything else that does not have the file's field count is corrupt.
/// </summary>
internal static class AccountFiles
{
    public const string Passwd = "/etc/passwd";
    public const string Group = "/etc/group";
    public const string Shadow = "/etc/shadow";
    public const string GShadow = "/etc/gshadow";

    /// <summary>Account files are small; a bigger one is not an account file (hostile input is capped before reading).</summary>
    private const long MaxFileLength = 64L * 1024 * 1024;

    public static IEnumerable<PasswdEntry> ReadPasswd(FileTree tree) =>
        Records(tree, Passwd, 7).Select(r => new PasswdEntry
        {
            Name = r.Fields[0],
            Password = r.Fields[1],
            Uid = ParseId(r, 2, "uid"),
            Gid = ParseId(r, 3, "gid"),
            Gecos = r.Fields[4],
            Home = r.Fields[5],
            Shell = r.Fields[6],
        });

    public static IEnumerable<GroupEntry> ReadGroup(FileTree tree)
    {
        foreach (var record in Records(tree, Group, 4))
        {
            var entry = new GroupEntry { Name = record.Fields[0], Password = record.Fields[1], Gid = ParseId(record, 2, "gid") };
            entry.Members.AddRange(SplitList(record.Fields[3]));
            yield return entry;
        }
    }

    public static IEnumerable<ShadowEntry> ReadShadow(FileTree tree) =>
        Records(tree, Shadow, ShadowEntry.FieldCount).Select(r => new ShadowEntry(r.Fields));

    public static IEnumerable<GShadowEntry> ReadGShadow(FileTree tree)
    {
        foreach (var record in Records(tree, GShadow, 4))
        {
            var entry = new GShadowEntry { Name = record.Fields[0], Password = record.Fields[1], Administrators = record.Fields[2] };
            entry.Members.AddRange(SplitList(record.Fields[3]));
            yield return entry;
        }
    }

    /// <summary>The text of a regular file in the tree, or null when the path is absent.</summary>
    public static string? ReadText(FileTree tree, string path)
    {
        if (!tree.TryGet(path, out var node))
        {
            return null;
        }

        if (node is not RegularFileNode file)
        {
            throw new InvalidDataException($"'{path}' is a {node.Kind}, not a regular file.");
        }

        if (file.Length > MaxFileLength)
        {
            throw new InvalidDataException($"'{path}' is {file.Length} bytes, more than the {MaxFileLength} an account file may have.");
        }

        return Encoding.UTF8.GetString(file.Content.ReadAllBytes());
    }

    private static string[] SplitList(string field) => field.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static uint ParseId(Record record, int index, string what)
    {
        var text = record.Fields[index];
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)
            || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == uint.MaxValue)
        {
            throw new InvalidDataException($"'{record.Path}' line {record.Line}: {what} '{text}' is not a number from 0 to 4294967294.");
        }

        return id;
    }

    private static IEnumerable<Record> Records(FileTree tree, string path, int fieldCount)
    {
        var text = ReadText(tree, path);
        if (text is null)
        {
            yield break;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(':');
            if (fields.Length != fieldCount)
            {
                throw new InvalidDataException(
                    $"'{path}' line {i + 1}: expected {fieldCount} fields separated by ':', found {fields.Length}.");
            }

            if (fields[0].Length == 0)
            {
                throw new InvalidDataException($"'{path}' line {i + 1}: the name field is empty.");
            }

            yield return new Record(path, i + 1, fields);
        }
    }

    private sealed record Record(string Path, int Line, string[] Fields);
}
