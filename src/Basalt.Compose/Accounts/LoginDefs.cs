using System.Globalization;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

/// <summary>
/// The system id range from the image's /etc/login.defs (login.defs(5): SYS_UID_MIN, SYS_UID_MAX, SYS_GID_MAX), read the
/// way systemd-sysusers reads it: allocation runs from SYS_UID_MIN up to the smallest of SYS_UID_MAX, SYS_GID_MAX and
/// systemd's compiled-in 999, so one range serves users and groups alike.
/// </summary>
internal static class LoginDefs
{
    public const string Path = "/etc/login.defs";
    private const uint DefaultMinimum = 1;
    private const uint SystemMaximum = 999;

    public static (uint First, uint Last) SystemRange(FileTree tree)
    {
        var values = Read(tree);
        var first = Value(values, "SYS_UID_MIN") ?? DefaultMinimum;
        var last = Math.Min(SystemMaximum, Math.Min(Value(values, "SYS_UID_MAX") ?? SystemMaximum, Value(values, "SYS_GID_MAX") ?? SystemMaximum));

        // Like systemd, values that make no range (a minimum of 0 or above the maximum) fall back to the defaults.
        return first >= 1 && first < last ? (first, last) : (DefaultMinimum, SystemMaximum);
    }

    private static uint? Value(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Dictionary<string, string> Read(FileTree tree)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = AccountFiles.ReadText(tree, Path);
        foreach (var line in (text ?? "").Split('\n'))
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && !words[0].StartsWith('#'))
            {
                values[words[0]] = words[1];
            }
        }

        return values;
    }
}
