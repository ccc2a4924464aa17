namespace Basalt.Compose.Accounts;

/// <summary>One line of /etc/passwd (passwd(5)): name:password:uid:gid:gecos:home:shell.</summary>
internal sealed class PasswdEntry
{
    public required string Name { get; init; }

    public string Password { get; set; } = "x";

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public string Gecos { get; set; } = "";

    public string Home { get; set; } = "/";

    public string Shell { get; set; } = "";

    public string Format() => string.Join(':', Name, Password, Id(Uid), Id(Gid), Gecos, Home, Shell);

    internal static string Id(uint id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One line of /etc/group (group(5)): name:password:gid:member,member.</summary>
internal sealed class GroupEntry
{
    public required string Name { get; init; }

    public string Password { get; set; } = "x";

    public uint Gid { get; set; }

    public List<string> Members { get; } = [];

    public string Format() => string.Join(':', Name, Password, PasswdEntry.Id(Gid), string.Join(',', Members));
}

/// <summary>
/// One line of /etc/shadow (shadow(5)), nine fields. Fields other than the name and password are kept as text so an
/// entry read from the tree is written back unchanged; <see cref="LastChangeFromEpoch"/> marks an entry Basalt
/// created, whose "date of last password change" is filled from SOURCE_DATE_EPOCH when saving.
/// </summary>
internal sealed class ShadowEntry
{
    public const int FieldCount = 9;

    /// <summary>The account expiration date, in days since the epoch.</summary>
    public const int ExpireField = 7;

    public ShadowEntry(string[] fields)
    {
        Fields = fields;
    }

    /// <summary>name, password, last change, min, max, warn, inactive, expire, reserved.</summary>
    public string[] Fields { get; }

    public string Name => Fields[0];

    public string Password
    {
        get => Fields[1];
        set => Fields[1] = value;
    }

    public bool LastChangeFromEpoch { get; set; }

    public static ShadowEntry Create(string name, string password) =>
        new([name, password, "", "", "", "", "", "", ""]) { LastChangeFromEpoch = true };

    public string Format(long days)
    {
        if (LastChangeFromEpoch)
        {
            Fields[2] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(':', Fields);
    }
}

/// <summary>One line of /etc/gshadow (gshadow(5)): name:password:admin,admin:member,member.</summary>
internal sealed class GShadowEntry
{
    public required string Name { get; init; }

    public string Password { get; set; } = "!*";

    public string Administrators { get; set; } = "";

    public List<string> Members { get; } = [];

    public string Format() => string.Join(':', Name, Password, Administrators, string.Join(',', Members));
}
