namespace Basalt.IO.Cpio;

/// <summary>
/// The "new ASCII" cpio layout (cpio(5), "New ASCII Format"; rpm lib/cpio.c): a 6-byte magic, thirteen 8-digit
/// hexadecimal fields, the NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes.
/// rpm's stripped variant ("07070X") is the magic and one 8-digit file index, padded to 4 bytes, then the data.
/// </summary>
internal static class CpioLayout
{
    public const int MagicLength = 6;
    public const int FieldLength = 8;
    public const int FieldCount = 13;

    /// <summary>The full header: magic and thirteen fields.</summary>
    public const int HeaderLength = MagicLength + (FieldCount * FieldLength); // 110

    /// <summary>The stripped header: magic and the file index.</summary>
    public const int StrippedHeaderLength = MagicLength + FieldLength; // 14

    /// <summary>Headers and data start on 4-byte boundaries, counted from the start of the archive.</summary>
    public const int Alignment = 4;

    public const string TrailerName = "TRAILER!!!";

    public static ReadOnlySpan<byte> NewcMagic => "070701"u8;

    public static ReadOnlySpan<byte> CrcMagic => "070702"u8;

    public static ReadOnlySpan<byte> StrippedMagic => "07070X"u8;

    // Field offsets inside the full header (after the magic), in header order.
    public const int InodeField = 0;
    public const int ModeField = 1;
    public const int UidField = 2;
    public const int GidField = 3;
    public const int NlinkField = 4;
    public const int MtimeField = 5;
    public const int FileSizeField = 6;
    public const int DevMajorField = 7;
    public const int DevMinorField = 8;
    public const int RdevMajorField = 9;
    public const int RdevMinorField = 10;
    public const int NameSizeField = 11;
    public const int ChecksumField = 12;

    public static readonly string[] FieldNames =
    [
        "c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
        "c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
    ];

    /// <summary>The offset of field <paramref name="index"/> within the full header.</summary>
    public static int FieldOffset(int index) => MagicLength + (index * FieldLength);

    /// <summary>Bytes of padding after <paramref name="position"/> to reach the next 4-byte boundary.</summary>
    public static int Padding(long position) => (int)((Alignment - (position % Alignment)) % Alignment);
}
