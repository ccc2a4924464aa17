namespace Basalt.Compose.Services;

/// <summary>Which forms of unit name a check accepts (systemd's UNIT_NAME_PLAIN, _TEMPLATE, _INSTANCE).</summary>
[Flags]
internal enum UnitNameForm
{
    Plain = 1,
    Template = 2,
    Instance = 4,
    Any = Plain | Template | Instance,
}

/// <summary>Unit name rules from systemd.unit(5) ("Description" and "String Escaping for Inclusion in Unit Names").</summary>
internal static class UnitName
{
    /// <summary>UNIT_NAME_MAX is 256 including the terminating NUL.</summary>
    private const int MaxLength = 255;

    private static readonly string[] Types =
        ["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"];

    /// <summary>Types that may carry Alias= (systemd's unit_type_may_alias).</summary>
    private static readonly string[] AliasableTypes = ["service", "socket", "target", "device", "timer", "path"];

    public static bool IsValid(string name, UnitNameForm form = UnitNameForm.Any)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        var dot = name.LastIndexOf('.');
        if (dot <= 0 || !Types.Contains(name[(dot + 1)..], StringComparer.Ordinal))
        {
            return false;
        }

        var at = -1;
        for (var i = 0; i < dot; i++)
        {
            var c = name[i];
            if (c == '@' && at < 0)
            {
                at = i;
            }
            else if (!(char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '\\' or '@'))
            {
                return false;
            }
        }

        if (at == 0)
        {
            return false;
        }

        var actual = at < 0 ? UnitNameForm.Plain : at + 1 == dot ? UnitNameForm.Template : UnitNameForm.Instance;
        return (form & actual) != 0;
    }

    /// <summary>The suffix without the dot ("service").</summary>
    public static string Type(string name) => name[(name.LastIndexOf('.') + 1)..];

    public static bool MayAlias(string name) => AliasableTypes.Contains(Type(name), StringComparer.Ordinal);

    /// <summary>"getty@tty1.service" → "getty@.service".</summary>
    public static string Template(string instanceName)
    {
        var at = instanceName.IndexOf('@', StringComparison.Ordinal);
        var dot = instanceName.LastIndexOf('.');
        return instanceName[..(at + 1)] + instanceName[dot..];
    }

    /// <summary>"getty@tty1.service" → "tty1"; "" for plain names and templates.</summary>
    public static string Instance(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var dot = name.LastIndexOf('.');
        return at < 0 ? "" : name[(at + 1)..dot];
    }

    /// <summary>"getty@.service" + "tty1" → "getty@tty1.service".</summary>
    public static string WithInstance(string templateOrInstance, string instance)
    {
        var at = templateOrInstance.IndexOf('@', StringComparison.Ordinal);
        var dot = templateOrInstance.LastIndexOf('.');
        return templateOrInstance[..(at + 1)] + instance + templateOrInstance[dot..];
    }

    /// <summary>The part before "@" or the suffix ("getty@tty1.service" → "getty").</summary>
    public static string Prefix(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? name[..at] : name[..name.LastIndexOf('.')];
    }

    /// <summary>
    /// Expands the specifiers systemd allows in [Install] values (systemd.unit(5) "Specifiers": the unit-name
    /// ones %n %N %p %P %i %I %j %J and %%). Returns null for any other specifier.
    /// </summary>
    public static string? ExpandSpecifiers(string value, string unitName)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var prefix = Prefix(unitName);
        var dash = prefix.LastIndexOf('-');
        var last = dash >= 0 ? prefix[(dash + 1)..] : prefix;
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                builder.Append(value[i]);
                continue;
            }

            if (++i >= value.Length)
            {
                return null;
            }

            string? expansion = value[i] switch
            {
                'n' => unitName,
                'N' => unitName[..unitName.LastIndexOf('.')],
                'p' => prefix,
                'P' => Unescape(prefix),
                'i' => Instance(unitName),
                'I' => Unescape(Instance(unitName)),
                'j' => last,
                'J' => Unescape(last),
                '%' => "%",
                _ => null,
            };
            if (expansion is null)
            {
                return null;
            }

            builder.Append(expansion);
        }

        return builder.ToString();
    }

    /// <summary>systemd-escape's reverse: "-" is "/", "\xNN" is a byte.</summary>
    private static string Unescape(string value)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '-')
            {
                bytes.Add((byte)'/');
            }
            else if (value[i] == '\\' && i + 3 < value.Length && value[i + 1] == 'x'
                     && byte.TryParse(value.AsSpan(i + 2, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 3;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }
}
