namespace Basalt.Compose.Libraries;

/// <summary>
/// The ELF fields ldconfig and the initrd builder read (System V gABI, "ELF Header", "Program Header", "Dynamic
/// Section", "Sections"), as data.
/// </summary>
internal static class ElfLayout
{
    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    public const int IdentClass = 4;
    public const int IdentData = 5;
    public const byte Class32 = 1;
    public const byte Class64 = 2;
    public const byte DataLittle = 1;
    public const byte DataBig = 2;

    public const ushort TypeRelocatable = 1; // ET_REL (kernel modules)
    public const ushort TypeExecutable = 2; // ET_EXEC
    public const ushort TypeSharedObject = 3; // ET_DYN
    public const ushort MachineX86 = 3; // EM_386
    public const ushort MachineX8664 = 62; // EM_X86_64
    public const ushort MachineAarch64 = 183; // EM_AARCH64

    public const uint ProgramLoad = 1; // PT_LOAD
    public const uint ProgramDynamic = 2; // PT_DYNAMIC
    public const uint ProgramInterpreter = 3; // PT_INTERP

    public const long DynamicNull = 0; // DT_NULL
    public const long DynamicNeeded = 1; // DT_NEEDED
    public const long DynamicStringTable = 5; // DT_STRTAB
    public const long DynamicSoname = 14; // DT_SONAME
    public const long DynamicRpath = 15; // DT_RPATH
    public const long DynamicRunpath = 29; // DT_RUNPATH

    /// <summary>e_type, e_machine, e_phoff, e_phentsize, e_phnum offsets for ELFCLASS32 and ELFCLASS64 headers.</summary>
    public static (int Type, int Machine, int PhOff, int PhEntSize, int PhNum, int HeaderSize) Header(bool is64)
        => is64 ? (16, 18, 32, 54, 56, 64) : (16, 18, 28, 42, 44, 52);

    /// <summary>p_type, p_offset, p_vaddr, p_filesz offsets and the entry size of a program header.</summary>
    public static (int Type, int Offset, int VAddr, int FileSize, int Size) Program(bool is64)
        => is64 ? (0, 8, 16, 32, 56) : (0, 4, 8, 16, 32);

    /// <summary>e_shoff, e_shentsize, e_shnum, e_shstrndx offsets in the ELF header.</summary>
    public static (int ShOff, int ShEntSize, int ShNum, int ShStrIndex) SectionHeader(bool is64)
        => is64 ? (40, 58, 60, 62) : (32, 46, 48, 50);

    /// <summary>sh_name, sh_offset, sh_size offsets and the entry size of a section header.</summary>
    public static (int Name, int Offset, int Size, int EntrySize) Section(bool is64)
        => is64 ? (0, 24, 32, 64) : (0, 16, 20, 40);

    /// <summary>e_shnum 0 with e_shoff set: the real count is in section 0's sh_size (gABI "Sections", SHN_UNDEF).</summary>
    public const ushort SectionIndexExtended = 0xFFFF; // SHN_XINDEX

    /// <summary>The size of one dynamic entry (d_tag, d_val).</summary>
    public static int DynamicEntrySize(bool is64) => is64 ? 16 : 8;
}
