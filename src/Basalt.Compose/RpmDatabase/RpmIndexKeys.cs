using System.Buffers.Binary;
using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>One row of an index table: the key's bytes and the element index it came from.</summary>
internal readonly record struct RpmIndexKey(ReadOnlyMemory<byte> Key, int Index);

/// <summary>
/// The rows rpm puts into an index table for one installed header (rpmdb.c, tag2index and td2key): one per
/// element of the indexed tag, with the element's position as idx, except that
/// <list type="bullet">
/// <item>empty strings are indexed like any other (rpm 4.18 writes an empty GROUP as the key '');</item>
/// <item>requirements used only at install time (pre/post/pretrans/posttrans scriptlet, rpmlib() and keyring
/// dependencies) are left out of Requirename unless they also serve an erase-time scriptlet;</item>
/// <item>a repeated TRIGGERNAME is indexed once, at its first position;</item>
/// <item>a rich dependency also indexes the names inside it (<see cref="RichDependencyKeys"/>);</item>
/// <item>a package without GROUP is indexed under "Unknown";</item>
/// <item>integers (INSTALLTID) are keyed by their bytes in the host's order: little-endian on every architecture
/// we build images for (x86_64, aarch64).</item>
/// </list>
/// </summary>
internal static class RpmIndexKeys
{
    // rpmsense.h: _INSTALL_ONLY_MASK and _ERASE_ONLY_MASK (without RPMSENSE_PREREQ).
    private const uint SensePostTrans = 1u << 5;
    private const uint SensePreTrans = 1u << 7;
    private const uint SenseScriptPre = 1u << 9;
    private const uint SenseScriptPost = 1u << 10;
    private const uint SenseScriptPreUn = 1u << 11;
    private const uint SenseScriptPostUn = 1u << 12;
    private const uint SenseRpmLib = 1u << 24;
    private const uint SenseKeyring = 1u << 26;
    private const uint InstallOnlyMask = SensePostTrans | SensePreTrans | SenseScriptPre | SenseScriptPost | SenseRpmLib | SenseKeyring;
    private const uint EraseOnlyMask = SenseScriptPreUn | SenseScriptPostUn;

    private static readonly byte[] UnknownGroup = Encoding.ASCII.GetBytes("Unknown");

    public static List<RpmIndexKey> For(RpmIndexTable table, RpmHeader header)
    {
        var keys = new List<RpmIndexKey>();
        var entry = header.Find(table.Tag);
        if (entry is null)
        {
            if (table.Tag == RpmTag.Group)
            {
                keys.Add(new RpmIndexKey(UnknownGroup, 0));
            }

            return keys;
        }

        if (RpmTagTypes.IsString(entry.Type))
        {
            AddStrings(table.Tag, header, entry, keys);
        }
        else if (RpmTagTypes.IsInteger(entry.Type))
        {
            for (var i = 0; i < entry.Count; i++)
            {
                keys.Add(new RpmIndexKey(HostOrder(entry, i), i));
            }
        }
        else if (entry.Type == RpmTagType.Bin && entry.Count > 0)
        {
            keys.Add(new RpmIndexKey(entry.Data, 0));
        }

        return keys;
    }

    private static void AddStrings(RpmTag tag, RpmHeader header, RpmHeaderEntry entry, List<RpmIndexKey> keys)
    {
        var values = entry.GetStringBytes();
        // headerGet returns one string for an I18NSTRING: the C locale's text comes first.
        var count = entry.Type == RpmTagType.I18NString ? Math.Min(1, values.Length) : values.Length;
        var requireFlags = tag == RpmTag.RequireName ? header.GetNumbers(RpmTag.RequireFlags) : null;
        for (var i = 0; i < count; i++)
        {
            if (requireFlags is not null && i < requireFlags.Length && IsInstallOnly((uint)requireFlags[i]))
            {
                continue;
            }

            if (tag == RpmTag.TriggerName && AppearsBefore(values, i))
            {
                continue;
            }

            keys.Add(new RpmIndexKey(values[i], i));
            if (RichDependencyKeys.MayBeRich(tag))
            {
                foreach (var name in RichDependencyKeys.Names(values[i]))
                {
                    keys.Add(new RpmIndexKey(name, i));
                }
            }
        }
    }

    private static bool IsInstallOnly(uint flags) => (flags & InstallOnlyMask) != 0 && (flags & EraseOnlyMask) == 0;

    private static bool AppearsBefore(ReadOnlyMemory<byte>[] values, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (values[j].Span.SequenceEqual(values[index].Span))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] HostOrder(RpmHeaderEntry entry, int index)
    {
        var size = RpmTagTypes.ElementSize(entry.Type);
        var value = entry.GetUInt64(index);
        var bytes = new byte[size];
        switch (size)
        {
            case 1:
                bytes[0] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
                break;
        }

        return bytes;
    }
}
