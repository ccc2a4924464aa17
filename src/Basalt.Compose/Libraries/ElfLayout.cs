namespace Basalt.Compose.Libraries;

/// <summary>The ELF fields ldconfig reads (System V gABI, "ELF Header", "Program Header", "Dynamic Section"), as data.</summary>
internal static class ElfLayout
{
    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    public const int IdentClass = 4;
    public const int IdentData = 5;
    public const byte Class32 = 1;
    public const byte Class64 = 2;
    public const byte DataLittle = 1;
    public const byte DataBig = 2;

    public const ushort TypeSharedObject = 3; // ET_DYN
    public const ushort MachineX86 = 3; // EM_386
    public const ushort MachineX8664 = 62; // EM_X86_64
    public const ushort MachineAarch64 = 183; // EM_AARCH64

    public const uint ProgramLoad = 1; // PT_LOAD
    public const uint ProgramDynamic = 2; // PT_DYNAMIC

    public const long DynamicNull = 0; // DT_NULL
    public const long DynamicNeeded = 1; // DT_NEEDED
    public const long DynamicStringTable = 5; // DT_STRTAB
    public const long DynamicSoname = 14; // DT_SONAME

    /// <summary>e_type, e_machine, e_phoff, e_phentsize, e_phnum offsets for ELFCLASS32 and ELFCLASS64 headers.</summary>
    public static (int Type, int Machine, int PhOff, int PhEntSize, int PhNum, int HeaderSize) Header(bool is64)
        => is64 ? (16, 18, 32, 54, 56, 64) : (16, 18, 28, 42, 44, 52);

    /// <summary>p_type, p_offset, p_vaddr, p_filesz offsets and the entry size of a program header.</summary>
    public static (int Type, int Offset, int VAddr, int FileSize, int Size) Program(bool is64)
        => is64 ? (0, 8, 16, 32, 56) : (0, 4, 8, 16, 32);

    /// <summary>The size of one dynamic entry (d_tag, d_val).</summary>
    public static int DynamicEntrySize(bool is64) => is64 ? 16 : 8;
}
