using System.Buffers.Binary;
using System.Text;

namespace Basalt.Compose.Libraries;

/// <summary>One cache entry: the soname ld.so looks up, the path it loads, the entry flags.</summary>
internal sealed record LdSoCacheEntry(string Soname, string Path, int Flags);

/// <summary>Lays out the bytes of an ld.so.cache in glibc's new format (see <see cref="LdSoCacheFormat"/>).</summary>
internal static class LdSoCacheWriter
{
    /// <summary>
    /// Entries are sorted as ldconfig sorts them (elf/cache.c): by soname in descending
    /// <see cref="LibraryNameComparer"/> order, then by flags descending; ties keep scan order. Strings are stored
    /// once, and a string that is the tail of another shares its bytes (ldconfig's string table tail merging).
    /// </summary>
    public static byte[] Write(IReadOnlyList<LdSoCacheEntry> scanOrder, string generator)
    {
        var entries = scanOrder
            .Select((entry, index) => (entry, index))
            .OrderByDescending(e => e.entry.Soname, LibraryNameComparer.Instance)
            .ThenByDescending(e => e.entry.Flags)
            .ThenBy(e => e.index)
            .Select(e => e.entry)
            .ToList();

        var (table, offsets) = BuildStringTable(entries.SelectMany(e => new[] { e.Soname, e.Path }));
        var stringsStart = checked(LdSoCacheFormat.HeaderSize + (entries.Count * LdSoCacheFormat.EntrySize));
        var extensionStart = checked((stringsStart + table.Length + 3) & ~3);
        var generatorBytes = Encoding.UTF8.GetBytes(generator);
        var sectionStart = extensionStart + LdSoCacheFormat.ExtensionHeaderSize + LdSoCacheFormat.ExtensionSectionSize;
        var output = new byte[checked(sectionStart + generatorBytes.Length)];
        var span = output.AsSpan();

        Encoding.ASCII.GetBytes(LdSoCacheFormat.Magic).CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[LdSoCacheFormat.NLibsOffset..], (uint)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[LdSoCacheFormat.LenStringsOffset..], (uint)table.Length);
        span[LdSoCacheFormat.FlagsOffset] = LdSoCacheFormat.FlagsEndianLittle;
        BinaryPrimitives.WriteUInt32LittleEndian(span[LdSoCacheFormat.ExtensionOffsetOffset..], (uint)extensionStart);

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = span[(LdSoCacheFormat.HeaderSize + (i * LdSoCacheFormat.EntrySize))..];
            BinaryPrimitives.WriteInt32LittleEndian(entry[LdSoCacheFormat.EntryFlagsOffset..], entries[i].Flags);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[LdSoCacheFormat.EntryKeyOffset..], (uint)(stringsStart + offsets[entries[i].Soname]));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[LdSoCacheFormat.EntryValueOffset..], (uint)(stringsStart + offsets[entries[i].Path]));
            // osversion (unused since glibc 2.33) and hwcap stay zero: no glibc-hwcaps subdirectory entries.
        }

        table.CopyTo(span[stringsStart..]);

        var extension = span[extensionStart..];
        BinaryPrimitives.WriteUInt32LittleEndian(extension, LdSoCacheFormat.ExtensionMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(extension[4..], 1);
        var section = extension[LdSoCacheFormat.ExtensionHeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(section, LdSoCacheFormat.ExtensionTagGenerator);
        BinaryPrimitives.WriteUInt32LittleEndian(section[4..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(section[8..], (uint)sectionStart);
        BinaryPrimitives.WriteUInt32LittleEndian(section[12..], (uint)generatorBytes.Length);
        generatorBytes.CopyTo(span[sectionStart..]);
        return output;
    }

    /// <summary>
    /// Distinct strings sorted by their bytes read from the end, larger first and a string before its own tails;
    /// each string is either the tail of the one before it (sharing its bytes) or placed after it with a NUL.
    /// </summary>
    private static (byte[] Table, Dictionary<string, int> Offsets) BuildStringTable(IEnumerable<string> strings)
    {
        var distinct = strings.Distinct(StringComparer.Ordinal).Select(s => (Text: s, Bytes: Encoding.UTF8.GetBytes(s))).ToList();
        distinct.Sort(static (a, b) => TailCompare(b.Bytes, a.Bytes));
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<byte>();
        byte[]? previous = null;
        var previousOffset = 0;
        foreach (var (text, bytes) in distinct)
        {
            if (previous is not null && previous.AsSpan().EndsWith(bytes))
            {
                offsets[text] = previousOffset + previous.Length - bytes.Length;
                continue; // previous keeps its place as the longer string of the run
            }

            previousOffset = table.Count;
            previous = bytes;
            offsets[text] = previousOffset;
            table.AddRange(bytes);
            table.Add(0);
        }

        return ([.. table], offsets);
    }

    /// <summary>Compares from the last byte backwards; when one is a tail of the other, the longer is greater.</summary>
    private static int TailCompare(byte[] a, byte[] b)
    {
        int i = a.Length, j = b.Length;
        while (i > 0 && j > 0)
        {
            var c = a[--i].CompareTo(b[--j]);
            if (c != 0)
            {
                return c;
            }
        }

        return i.CompareTo(j);
    }
}
