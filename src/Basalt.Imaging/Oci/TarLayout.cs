namespace Basalt.Imaging.Oci;

/// <summary>
/// The POSIX.1-2001 ustar header (pax(1), "ustar Interchange Format"): field offsets and lengths, type flags and
/// magic, shared by the OCI layer writer and the COSI writer and reader.
/// </summary>
internal static class TarLayout
{
    public const int BlockSize = 512;

    public const int NameOffset = 0;
    public const int NameLength = 100;
    public const int ModeOffset = 100;
    public const int UidOffset = 108;
    public const int GidOffset = 116;
    public const int IdLength = 8;
    public const int SizeOffset = 124;
    public const int SizeLength = 12;
    public const int MtimeOffset = 136;
    public const int MtimeLength = 12;
    public const int ChecksumOffset = 148;
    public const int ChecksumLength = 8;
    public const int TypeFlagOffset = 156;
    public const int LinkNameOffset = 157;
    public const int LinkNameLength = 100;
    public const int MagicOffset = 257;
    public const int VersionOffset = 263;
    public const int UnameOffset = 265;
    public const int GnameOffset = 297;
    public const int DevMajorOffset = 329;
    public const int DevMinorOffset = 337;
    public const int PrefixOffset = 345;
    public const int PrefixLength = 155;

    /// <summary>"ustar\0" followed by version "00": the POSIX magic (GNU's "ustar  \0" differs).</summary>
    public static ReadOnlySpan<byte> Magic => "ustar\0"u8;

    public static ReadOnlySpan<byte> UstarVersion => "00"u8;

    /// <summary>The largest value an 8-byte octal field holds (7 digits and a NUL).</summary>
    public const long MaxOctal7 = (1L << 21) - 1;

    /// <summary>The largest value a 12-byte octal field holds (11 digits and a NUL): 8 GiB − 1.</summary>
    public const long MaxOctal11 = (1L << 33) - 1;

    public const byte TypeRegular = (byte)'0';
    public const byte TypeHardLink = (byte)'1';
    public const byte TypeSymbolicLink = (byte)'2';
    public const byte TypeCharacterDevice = (byte)'3';
    public const byte TypeBlockDevice = (byte)'4';
    public const byte TypeDirectory = (byte)'5';
    public const byte TypeFifo = (byte)'6';
    public const byte TypePaxExtended = (byte)'x';
    public const byte TypePaxGlobal = (byte)'g';

    /// <summary>Bytes of zero padding that round <paramref name="length"/> up to a whole block.</summary>
    public static int Padding(long length) => (int)((BlockSize - (length % BlockSize)) % BlockSize);
}
