using System.Globalization;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Install;

/// <summary>
/// Parses capabilities in the textual form of cap_from_text(3) — what rpm stores in FILECAPS, e.g. "cap_net_raw=ep" or
/// "cap_chown+p cap_kill=i" — into the file capability sets that <see cref="VfsCapability"/> encodes as
/// <c>security.capability</c> (revision 2, as rpm's cap_set_file writes it).
/// </summary>
internal static class CapabilityText
{
    /// <summary>Capability numbers of linux/capability.h, by name without the "cap_" prefix (CAP_LAST_CAP is 40).</summary>
    private static readonly string[] Names =
    [
        "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
        "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
        "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
        "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
        "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
        "checkpoint_restore",
    ];

    /// <summary>
    /// "all" means every capability Basalt knows (0 to CAP_LAST_CAP). libcap takes the running kernel's count instead; a
    /// fixed count keeps the image independent of the build host.
    /// </summary>
    private static readonly ulong All = (1UL << Names.Length) - 1;

    /// <summary>The encoded <c>security.capability</c> value for <paramref name="text"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not valid cap_from_text input, or libcap could not store it.</exception>
    public static byte[] Encode(string text) => Parse(text).Encode();

    /// <summary>Parses cap_from_text(3) syntax: whitespace-separated clauses "[caplist]op flags[op flags…]".</summary>
    public static VfsCapability Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong effective = 0, permitted = 0, inheritable = 0;
        foreach (var clause in text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var opIndex = clause.IndexOfAny(['=', '+', '-']);
            if (opIndex < 0)
            {
                throw Error(text, $"clause '{clause}' has no operator (=, + or -)");
            }

            var list = clause[..opIndex];
            var caps = list.Length == 0 ? All : ParseList(list, text);
            var i = opIndex;
            while (i < clause.Length)
            {
                var op = clause[i++];
                if (op is not ('=' or '+' or '-'))
                {
                    throw Error(text, $"'{op}' in clause '{clause}' is not an operator or a flag (e, i, p)");
                }

                if (list.Length == 0 && op != '=')
                {
                    throw Error(text, $"clause '{clause}' needs a capability list before '{op}'");
                }

                bool e = false, p = false, inh = false;
                while (i < clause.Length && clause[i] is not ('=' or '+' or '-'))
                {
                    switch (char.ToLowerInvariant(clause[i++]))
                    {
                        case 'e': e = true; break;
                        case 'p': p = true; break;
                        case 'i': inh = true; break;
                        default: throw Error(text, $"'{clause[i - 1]}' in clause '{clause}' is not a flag (e, i, p)");
                    }
                }

                if (op == '=')
                {
                    // "=" first clears the listed capabilities in all three sets, then raises the named flags.
                    effective &= ~caps;
                    permitted &= ~caps;
                    inheritable &= ~caps;
                }

                var raise = op != '-';
                Apply(ref effective, caps, e, raise);
                Apply(ref permitted, caps, p, raise);
                Apply(ref inheritable, caps, inh, raise);
            }
        }

        // A file has one effective bit (VFS_CAP_FLAGS_EFFECTIVE): libcap accepts only "none" or "all of permitted|inheritable".
        if (effective != 0 && effective != (permitted | inheritable))
        {
            throw Error(text, "the effective set must be empty or equal to permitted|inheritable, as a file stores one effective flag");
        }

        return new VfsCapability(permitted, inheritable, effective != 0);
    }

    private static void Apply(ref ulong set, ulong caps, bool flag, bool raise)
    {
        if (!flag)
        {
            return;
        }

        set = raise ? set | caps : set & ~caps;
    }

    private static ulong ParseList(string list, string text)
    {
        ulong caps = 0;
        foreach (var raw in list.Split(','))
        {
            var name = raw.ToLowerInvariant();
            if (name == "all")
            {
                caps |= All;
                continue;
            }

            int number;
            if (name.StartsWith("cap_", StringComparison.Ordinal))
            {
                number = Array.IndexOf(Names, name[4..]);
            }
            else if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number >= 64)
            {
                number = -1;
            }

            if (number < 0)
            {
                throw Error(text, $"'{raw}' is not a capability name");
            }

            caps |= 1UL << number;
        }

        return caps;
    }

    private static InvalidDataException Error(string text, string problem) =>
        new($"File capabilities '{text}': {problem}.");
}
