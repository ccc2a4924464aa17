using System.Text.RegularExpressions;

namespace Basalt.Compose.Definition;

/// <summary>The syntax rules of names and values in a definition, each citing where it comes from.</summary>
internal static partial class Syntax
{
    /// <summary>Image names end up in file names and IMAGE_ID, whose os-release(5) alphabet is 0–9 a–z . _ -.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}$")]
    public static partial Regex ImageName();

    /// <summary>Dot-separated numbers (2–4 of them), optionally a lower-case pre-release suffix; IMAGE_VERSION's alphabet.</summary>
    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){1,3}(-[0-9a-z]+(\.[0-9a-z]+)*)?$")]
    public static partial Regex ImageVersion();

    /// <summary>os-release(5) ID, VERSION_ID, VARIANT_ID, IMAGE_ID, IMAGE_VERSION: lower-case 0–9 a–z . _ -.</summary>
    [GeneratedRegex(@"^[a-z0-9._-]+$")]
    public static partial Regex OsReleaseIdentifier();

    /// <summary>os-release(5) variable names: shell-compatible, upper case.</summary>
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    public static partial Regex OsReleaseKey();

    /// <summary>dnf repo ids: letters, digits and - _ . :.</summary>
    /// <summary>A kernel module name as modprobe takes it (dm-verity and dm_verity are the same module).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex ModuleName();

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]{1,100}$")]
    public static partial Regex RepositoryId();

    /// <summary>rpm package names (and dnf globs for exclude): letters, digits, . _ + - and the glob characters * ? [ ].</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_+*?\[\]][A-Za-z0-9._+*?\[\]()/:-]*$")]
    public static partial Regex PackageSpec();

    /// <summary>User and group names as systemd and shadow-utils accept them portably (systemd's "strict" rule): at most 31 characters.</summary>
    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,30}$")]
    public static partial Regex AccountName();

    /// <summary>RFC 1123 host name labels: letters, digits and hyphens, not at either end, 1–63 characters.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    public static partial Regex HostLabel();

    /// <summary>systemd.unit(5) names: prefix of ASCII letters, digits, : - _ . \, an optional @instance, and a unit type suffix.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.(service|socket|device|mount|automount|swap|target|path|timer|slice|scope)$")]
    public static partial Regex UnitName();

    /// <summary>crypt(5) hashes of current algorithms: yescrypt, gost-yescrypt, scrypt, bcrypt, sha512crypt, sha256crypt.</summary>
    [GeneratedRegex(@"^\$(y|gy|7|2[abxy]|6|5)\$[./A-Za-z0-9$=,]+$")]
    public static partial Regex PasswordHash();

    /// <summary>Octal permission bits as text: 3 or 4 digits, an optional leading 0 (<c>"0644"</c>, <c>"4755"</c>).</summary>
    [GeneratedRegex(@"^0?[0-7]{3,4}$")]
    public static partial Regex Mode();

    /// <summary>A kernel command line word: printable ASCII without spaces or quotes.</summary>
    [GeneratedRegex(@"^[!#-~]+$")]
    public static partial Regex KernelArgument();

    /// <summary>A normalised absolute path: starts with '/', no empty, '.' or '..' segment, no trailing '/', printable.</summary>
    public static bool IsNormalisedAbsolutePath(string path)
    {
        if (path.Length < 2 || path[0] != '/' || path[^1] == '/' || path.Length > 4096 || path.Any(char.IsControl))
        {
            return false;
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A host name: RFC 1123 labels separated by dots, at most 64 characters (Linux HOST_NAME_MAX).</summary>
    public static bool IsHostname(string hostname) =>
        hostname.Length <= 64 && hostname.Split('.').All(label => HostLabel().IsMatch(label));
}
