namespace Basalt.IO.Cpio;

/// <summary>The file type bits of <c>c_mode</c> (the S_IFMT values of POSIX sys/stat.h).</summary>
public enum CpioEntryType
{
    Unknown = 0,
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    RegularFile = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}
