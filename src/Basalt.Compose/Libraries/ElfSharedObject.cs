namespace Basalt.Compose.Libraries;

/// <summary>
/// What ldconfig needs from an ELF shared object (class, machine, DT_SONAME, DT_NEEDED) and what the dynamic loader
/// needs from a program (PT_INTERP, DT_RUNPATH, DT_RPATH), read by <see cref="TryReadProgram"/>.
/// </summary>
internal sealed partial record ElfSharedObject(bool Is64, ushort Machine, string? Soname, IReadOnlyList<string> Needed)
{
    /// <summary>e_type: ET_DYN for libraries and PIE programs, ET_EXEC for fixed-address programs.</summary>
    public ushort Type { get; init; } = ElfLayout.TypeSharedObject;

    /// <summary>The PT_INTERP path (the dynamic loader), or null for a static program or a library.</summary>
    public string? Interpreter { get; init; }

    /// <summary>DT_RUNPATH, colon-separated, or null.</summary>
    public string? RunPath { get; init; }

    /// <summary>DT_RPATH, colon-separated, or null (ld.so ignores it when DT_RUNPATH is present).</summary>
    public string? RPath { get; init; }

    /// <summary>True when the file has no PT_DYNAMIC segment: a static program needs nothing else to run.</summary>
    public bool IsStatic { get; init; }

    /// <summary>ldconfig reads at most this much of a file; a header beyond it is refused (hostile lengths).</summary>
    public const int MaxStringLength = 4096;

    /// <summary>
    /// False when <paramref name="data"/> is not ELF (wrong magic). Throws <see cref="InvalidDataException"/>
    /// when it is ELF but not a well-formed shared object: headers or the dynamic section outside the file, not
    /// ET_DYN, or DT_STRTAB not mapped by any PT_LOAD. <paramref name="name"/> is used in messages.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, string name, out ElfSharedObject? result)
        => TryRead(data, name, programs: false, out result);

    /// <summary>
    /// Like <see cref="TryRead(ReadOnlySpan{byte}, string, out ElfSharedObject?)"/> but for anything the kernel can
    /// execute or ld.so can map: ET_EXEC and ET_DYN, static (no PT_DYNAMIC, <see cref="IsStatic"/>) or dynamic.
    /// </summary>
    public static bool TryReadProgram(ReadOnlySpan<byte> data, string name, out ElfSharedObject? result)
        => TryRead(data, name, programs: true, out result);

    private static bool TryRead(ReadOnlySpan<byte> data, string name, bool programs, out ElfSharedObject? result)
    {
        try
        {
            return TryReadCore(data, name, programs, out result);
        }
        catch (OverflowException)
        {
            // Offsets and addresses are hostile: a sum past 2^64 is corruption, not a crash.
            throw new InvalidDataException($"ELF file '{name}' has an offset or address that overflows.");
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> data, string name, bool programs, out ElfSharedObject? result)
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
        if (type != ElfLayout.TypeSharedObject && !(programs && type == ElfLayout.TypeExecutable))
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
        string? interpreter = null;
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
            else if (ptype == ElfLayout.ProgramInterpreter && interpreter is null)
            {
                // gABI "Program Interpreter": a NUL-terminated path stored in the file at p_offset.
                interpreter = reader.String(reader.Word(entry + program.Offset, is64), "PT_INTERP path");
            }
        }

        if (programs && !hasDynamic)
        {
            result = new ElfSharedObject(is64, machine, null, []) { Type = type, Interpreter = interpreter, IsStatic = true };
            return true;
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

        string? soname = null, runPath = null, rPath = null;
        var needed = new List<string>();
        for (var i = 0; i < entries && reader.Tag(dynamicStart + (i * entrySize), is64) != ElfLayout.DynamicNull; i++)
        {
            var tag = reader.Tag(dynamicStart + (i * entrySize), is64);
            if (tag is ElfLayout.DynamicSoname or ElfLayout.DynamicNeeded or ElfLayout.DynamicRunpath or ElfLayout.DynamicRpath)
            {
                var text = reader.String(checked((ulong)strtab.Value + reader.Word(dynamicStart + (i * entrySize) + (is64 ? 8 : 4), is64)));
                switch (tag)
                {
                    case ElfLayout.DynamicSoname:
                        soname ??= text;
                        break;
                    case ElfLayout.DynamicNeeded:
                        needed.Add(text);
                        break;
                    case ElfLayout.DynamicRunpath:
                        runPath ??= text;
                        break;
                    default:
                        rPath ??= text;
                        break;
                }
            }
        }

        result = new ElfSharedObject(is64, machine, soname, needed) { Type = type, Interpreter = interpreter, RunPath = runPath, RPath = rPath };
        return true;
    }
}
