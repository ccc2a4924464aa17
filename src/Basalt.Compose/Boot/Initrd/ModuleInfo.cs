using System.Buffers.Binary;
using System.Text;
using Basalt.Compose.Libraries;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// The ".modinfo" section of a kernel module: NUL-separated "key=value" strings written by MODULE_INFO() and modpost
/// (include/linux/moduleparam.h; "depends=" lists the modules whose symbols it uses, "softdep=" the
/// MODULE_SOFTDEP() text, "alias=" the names it answers to). A module is a relocatable ELF file (ET_REL), so the
/// section is found through the section headers (gABI "Sections"), not the program headers.
/// </summary>
internal sealed class ModuleInfo
{
    private readonly List<KeyValuePair<string, string>> _entries;

    private ModuleInfo(List<KeyValuePair<string, string>> entries) => _entries = entries;

    /// <summary>Every value of <paramref name="key"/>, in section order.</summary>
    public IEnumerable<string> Values(string key)
        => _entries.Where(e => e.Key == key).Select(e => e.Value);

    /// <summary>The module names of "depends=" (comma-separated, empty for none).</summary>
    public IReadOnlyList<string> Depends
        => [.. Values("depends").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>
    /// The first "softdep=" (see <see cref="ParseSoftDependencies"/>). A module may carry several; depmod writes each as
    /// its own modules.softdep line and libkmod (kmod 30) honours only the first command for a module, so only the
    /// first counts here too.
    /// </summary>
    public (IReadOnlyList<string> Pre, IReadOnlyList<string> Post) SoftDependencies()
        => ParseSoftDependencies(Values("softdep").FirstOrDefault() ?? "");

    /// <summary>
    /// A softdep command's text as modprobe.d(5) reads it: names after "pre:" load before the module, names after
    /// "post:" after it; names before either keyword are ignored, as kmod ignores them.
    /// </summary>
    public static (IReadOnlyList<string> Pre, IReadOnlyList<string> Post) ParseSoftDependencies(string text)
    {
        var pre = new List<string>();
        var post = new List<string>();
        List<string>? mode = null;
        foreach (var word in text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "pre:")
            {
                mode = pre;
            }
            else if (word == "post:")
            {
                mode = post;
            }
            else
            {
                mode?.Add(word);
            }
        }

        return (pre, post);
    }

    /// <summary>Reads the section of a module file's bytes; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="InvalidDataException">Not ELF, not ET_REL, headers outside the file, or no ".modinfo".</exception>
    public static ModuleInfo Read(ReadOnlySpan<byte> data, string name)
    {
        try
        {
            var section = FindSection(data, name);
            return new ModuleInfo(Parse(section));
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"Kernel module '{name}' has a section offset that overflows.");
        }
    }

    private static ReadOnlySpan<byte> FindSection(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length < 16 || !data[..4].SequenceEqual(ElfLayout.Magic))
        {
            throw new InvalidDataException($"Kernel module '{name}' is not an ELF file.");
        }

        var is64 = data[ElfLayout.IdentClass] == ElfLayout.Class64;
        var big = data[ElfLayout.IdentData] == ElfLayout.DataBig;
        if (!is64 && data[ElfLayout.IdentClass] != ElfLayout.Class32)
        {
            throw new InvalidDataException($"Kernel module '{name}' has unknown ELF class {data[ElfLayout.IdentClass]}.");
        }

        var header = ElfLayout.Header(is64);
        var sections = ElfLayout.SectionHeader(is64);
        var layout = ElfLayout.Section(is64);
        Require(data, 0, header.HeaderSize, name, "ELF header");
        var type = U16(data, header.Type, big);
        if (type != ElfLayout.TypeRelocatable)
        {
            throw new InvalidDataException($"Kernel module '{name}' is not a relocatable ELF object (e_type {type}).");
        }

        var shoff = Word(data, sections.ShOff, is64, big);
        var shentsize = U16(data, sections.ShEntSize, big);
        ulong shnum = U16(data, sections.ShNum, big);
        ulong shstrndx = U16(data, sections.ShStrIndex, big);
        if (shentsize < layout.EntrySize || shoff == 0)
        {
            throw new InvalidDataException($"Kernel module '{name}' has no usable section headers (e_shoff {shoff}, e_shentsize {shentsize}).");
        }

        var first = Offset(data, shoff, layout.EntrySize, name, "section header 0");
        if (shnum == 0)
        {
            shnum = Word(data, first + layout.Size, is64, big); // more than 0xff00 sections: the count is in section 0
        }

        if (shstrndx == ElfLayout.SectionIndexExtended)
        {
            shstrndx = U32(data, first + (is64 ? 40 : 24), big); // ... and the name table index in its sh_link
        }

        if (shnum > (ulong)data.Length / shentsize || shstrndx >= shnum)
        {
            throw new InvalidDataException($"Kernel module '{name}' is truncated: it declares {shnum} sections (names in {shstrndx}), more than fit in {data.Length} bytes.");
        }

        // The whole table must be there: a file cut inside it is truncated even if ".modinfo" comes first.
        Offset(data, shoff, checked((int)(shnum * shentsize)), name, "section header table");

        var names = SectionBytes(data, Offset(data, checked(shoff + (shstrndx * shentsize)), layout.EntrySize, name, "section header"), is64, big, name);
        for (ulong i = 0; i < shnum; i++)
        {
            var entry = Offset(data, checked(shoff + (i * shentsize)), layout.EntrySize, name, "section header");
            var nameOffset = U32(data, entry + layout.Name, big);
            if (nameOffset < (uint)names.Length && names[(int)nameOffset..].StartsWith(".modinfo\0"u8))
            {
                return SectionBytes(data, entry, is64, big, name);
            }
        }

        throw new InvalidDataException($"Kernel module '{name}' has no '.modinfo' section.");
    }

    private static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> section)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var range in section.Split((byte)0))
        {
            // Entries are aligned, so runs of NULs separate them; a string without '=' carries nothing.
            var text = Encoding.UTF8.GetString(section[range]);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                entries.Add(new(text[..equals], text[(equals + 1)..]));
            }
        }

        return entries;
    }

    private static ReadOnlySpan<byte> SectionBytes(ReadOnlySpan<byte> data, int entry, bool is64, bool big, string name)
    {
        var layout = ElfLayout.Section(is64);
        var offset = Word(data, entry + layout.Offset, is64, big);
        var size = Word(data, entry + layout.Size, is64, big);
        var start = Offset(data, offset, 0, name, "section");
        if ((ulong)(data.Length - start) < size)
        {
            throw new InvalidDataException($"Kernel module '{name}' is truncated: a section at offset {offset} needs {size} bytes.");
        }

        return data.Slice(start, (int)size);
    }

    private static void Require(ReadOnlySpan<byte> data, int offset, int length, string name, string what)
    {
        if (offset < 0 || offset > data.Length - length)
        {
            throw new InvalidDataException($"Kernel module '{name}' is truncated: the {what} at offset {offset} needs {length} bytes.");
        }
    }

    private static int Offset(ReadOnlySpan<byte> data, ulong offset, int length, string name, string what)
    {
        if (offset > (ulong)data.Length || (ulong)data.Length - offset < (ulong)length)
        {
            throw new InvalidDataException($"Kernel module '{name}' is truncated: the {what} at offset {offset} lies outside its {data.Length} bytes.");
        }

        return (int)offset;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset, bool big)
        => big ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset, bool big)
        => big ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static ulong Word(ReadOnlySpan<byte> data, int offset, bool is64, bool big)
        => !is64 ? U32(data, offset, big)
            : big ? BinaryPrimitives.ReadUInt64BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
}
