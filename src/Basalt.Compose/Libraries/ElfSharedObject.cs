using System.Buffers.Binary;
using System.Text;

namespace Basalt.Compose.Libraries;

/// <summary>What ldconfig needs from an ELF shared object: class, machine, DT_SONAME and DT_NEEDED.</summary>
internal sealed record ElfSharedObject(bool Is64, ushort Machine, string? Soname, IReadOnlyList<string> Needed)
{
    /// <summary>ldconfig reads at most this much of a file; a header beyond it is refused (hostile lengths).</summary>
    public const int MaxStringLength = 4096;

    /// <summary>
    /// False when <paramref name="data"/> is not ELF (wrong magic). Throws <see cref="InvalidDataException"/>
    /// when it is ELF but not a well-formed shared object: headers or the dynamic section outside the file, not
    /// ET_DYN, or DT_STRTAB not mapped by any PT_LOAD. <paramref name="name"/> is used in messages.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, string name, out ElfSharedObject? result)
    {
        try
        {
            return TryReadCore(data, name, out result);
        }
        catch (OverflowException)
        {
            // Offsets and addresses are hostile: a sum past 2^64 is corruption, not a crash.
            throw new InvalidDataException($"ELF file '{name}' has an offset or address that overflows.");
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> data, string name, out ElfSharedObject? result)
    {
        result = null;
        if (data.Length < 16 || !data[..4].SequenceEqual(ElfLayout.Magic))
        {
            return false;
        }

        var is64 = data[ElfLayout.IdentClass] switch
        {
            ElfLayout.Class64 => true,
            ElfLayout.Class32 => false,
            var c => throw new InvalidDataException($"ELF file '{name}' has unknown class {c}."),
        };
        var big = data[ElfLayout.IdentData] switch
        {
            ElfLayout.DataLittle => false,
            ElfLayout.DataBig => true,
            var d => throw new InvalidDataException($"ELF file '{name}' has unknown data encoding {d}."),
        };
        var reader = new Reader(data, big, name);
        var header = ElfLayout.Header(is64);
        reader.Require(0, header.HeaderSize, "ELF header");
        var type = reader.U16(header.Type);
        var machine = reader.U16(header.Machine);
        if (type != ElfLayout.TypeSharedObject)
        {
            throw new InvalidDataException($"ELF file '{name}' is not a shared object (e_type {type}).");
        }

        var phoff = is64 ? reader.U64(header.PhOff) : reader.U32(header.PhOff);
        var phentsize = reader.U16(header.PhEntSize);
        var phnum = reader.U16(header.PhNum);
        var program = ElfLayout.Program(is64);
        if (phnum > 0 && phentsize < program.Size)
        {
            throw new InvalidDataException($"ELF file '{name}' has program headers of {phentsize} bytes.");
        }

        var loads = new List<(ulong VAddr, ulong FileSize, ulong Offset)>();
        ulong dynamicOffset = 0, dynamicSize = 0;
        var hasDynamic = false;
        for (var i = 0; i < phnum; i++)
        {
            var at = checked(phoff + ((ulong)i * phentsize));
            var entry = reader.Offset(at, program.Size, "program header");
            var ptype = reader.U32(entry + program.Type);
            if (ptype == ElfLayout.ProgramLoad)
            {
                loads.Add((reader.Word(entry + program.VAddr, is64), reader.Word(entry + program.FileSize, is64), reader.Word(entry + program.Offset, is64)));
            }
            else if (ptype == ElfLayout.ProgramDynamic && !hasDynamic)
            {
                hasDynamic = true;
                dynamicOffset = reader.Word(entry + program.Offset, is64);
                dynamicSize = reader.Word(entry + program.FileSize, is64);
            }
        }

        if (!hasDynamic || dynamicSize == 0)
        {
            throw new InvalidDataException($"ELF file '{name}' has no dynamic section.");
        }

        var dynamicStart = reader.Offset(dynamicOffset, 0, "dynamic section");
        var entrySize = ElfLayout.DynamicEntrySize(is64);
        var entries = (int)Math.Min(dynamicSize, (ulong)(data.Length - dynamicStart)) / entrySize;

        int? strtab = null;
        for (var i = 0; i < entries && reader.Tag(dynamicStart + (i * entrySize), is64) != ElfLayout.DynamicNull; i++)
        {
            if (reader.Tag(dynamicStart + (i * entrySize), is64) == ElfLayout.DynamicStringTable)
            {
                // DT_STRTAB is a virtual address: map it through the PT_LOAD segment that contains it.
                var address = reader.Word(dynamicStart + (i * entrySize) + (is64 ? 8 : 4), is64);
                foreach (var (vaddr, fileSize, offset) in loads)
                {
                    if (address >= vaddr && address - vaddr < fileSize)
                    {
                        strtab = reader.Offset(checked(address - vaddr + offset), 0, "string table");
                        break;
                    }
                }

                break;
            }
        }

        if (strtab is null)
        {
            throw new InvalidDataException($"ELF file '{name}' has no DT_STRTAB inside a PT_LOAD segment.");
        }

        string? soname = null;
        var needed = new List<string>();
        for (var i = 0; i < entries && reader.Tag(dynamicStart + (i * entrySize), is64) != ElfLayout.DynamicNull; i++)
        {
            var tag = reader.Tag(dynamicStart + (i * entrySize), is64);
            if (tag is ElfLayout.DynamicSoname or ElfLayout.DynamicNeeded)
            {
                var text = reader.String(checked((ulong)strtab.Value + reader.Word(dynamicStart + (i * entrySize) + (is64 ? 8 : 4), is64)));
                if (tag == ElfLayout.DynamicSoname)
                {
                    soname ??= text;
                }
                else
                {
                    needed.Add(text);
                }
            }
        }

        result = new ElfSharedObject(is64, machine, soname, needed);
        return true;
    }

    private readonly ref struct Reader(ReadOnlySpan<byte> data, bool big, string name)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public void Require(int offset, int length, string what)
        {
            if (offset < 0 || length < 0 || offset > _data.Length - length)
            {
                throw new InvalidDataException($"ELF file '{name}' is truncated: the {what} at offset {offset} needs {length} bytes.");
            }
        }

        public int Offset(ulong offset, int length, string what)
        {
            if (offset > (ulong)_data.Length || (ulong)_data.Length - offset < (ulong)length)
            {
                throw new InvalidDataException($"ELF file '{name}' is truncated: the {what} at offset {offset} lies outside its {_data.Length} bytes.");
            }

            return (int)offset;
        }

        public ulong Word(int offset, bool is64) => is64 ? U64(offset) : U32(offset);

        public long Tag(int offset, bool is64) => is64 ? (long)U64(offset) : (int)U32(offset);

        public ushort U16(int offset)
        {
            Require(offset, 2, "field");
            return big ? BinaryPrimitives.ReadUInt16BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(_data[offset..]);
        }

        public uint U32(int offset)
        {
            Require(offset, 4, "field");
            return big ? BinaryPrimitives.ReadUInt32BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(_data[offset..]);
        }

        public ulong U64(int offset)
        {
            Require(offset, 8, "field");
            return big ? BinaryPrimitives.ReadUInt64BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(_data[offset..]);
        }

        public string String(ulong offset)
        {
            var start = Offset(offset, 0, "dynamic string");
            var rest = _data[start..];
            var end = rest[..Math.Min(rest.Length, MaxStringLength + 1)].IndexOf((byte)0);
            if (end < 0)
            {
                throw new InvalidDataException($"ELF file '{name}' has an unterminated dynamic string at offset {offset}.");
            }

            return Encoding.UTF8.GetString(rest[..end]);
        }
    }
}
