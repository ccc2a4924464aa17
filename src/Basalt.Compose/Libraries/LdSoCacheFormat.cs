namespace Basalt.Compose.Libraries;

/// <summary>
/// glibc's ld.so.cache "new" format (elf/dl-cache.h: struct cache_file_new, file_entry_new, cache_extension),
/// the only format glibc has written since 2.32. All integers are in the target's byte order (little endian
/// for x86-64 and aarch64); string offsets count from the start of the file.
/// </summary>
internal static class LdSoCacheFormat
{
    /// <summary>"glibc-ld.so.cache" followed by the version "1.1", no terminator (20 bytes).</summary>
    public const string Magic = "glibc-ld.so.cache1.1";

    public const int HeaderSize = 48;
    public const int NLibsOffset = 20;
    public const int LenStringsOffset = 24;
    public const int FlagsOffset = 28;
    public const int ExtensionOffsetOffset = 32;

    /// <summary>cache_file_new_flags_endian_little: the header's flags byte for a little-endian cache.</summary>
    public const byte FlagsEndianLittle = 2;

    public const int EntrySize = 24;
    public const int EntryFlagsOffset = 0;
    public const int EntryKeyOffset = 4;
    public const int EntryValueOffset = 8;
    public const int EntryOsVersionOffset = 12;
    public const int EntryHwcapOffset = 16;

    /// <summary>cache_extension_magic, then a count and 16-byte sections (tag, flags, offset, size).</summary>
    public const uint ExtensionMagic = 0xEAA42174;
    public const int ExtensionHeaderSize = 8;
    public const int ExtensionSectionSize = 16;

    /// <summary>cache_extension_tag_generator: a string naming the program that wrote the cache.</summary>
    public const uint ExtensionTagGenerator = 0;

    /// <summary>Entry flags (elf/ldconfig.h and sysdeps dl-cache.h): ELF type in the low byte, ABI in the second.</summary>
    public const int FlagElf = 0x0001;
    public const int FlagElfLibc5 = 0x0002;
    public const int FlagElfLibc6 = 0x0003;
    public const int FlagX8664Lib64 = 0x0300;
    public const int FlagX8664LibX32 = 0x0800;
    public const int FlagAarch64Lib64 = 0x0A00;
}
