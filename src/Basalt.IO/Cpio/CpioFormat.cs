namespace Basalt.IO.Cpio;

/// <summary>Which header variant an entry was read with.</summary>
public enum CpioFormat
{
    /// <summary>"070701": new ASCII, checksum field unused.</summary>
    Newc,

    /// <summary>"070702": new ASCII with the checksum field holding the byte sum of the data.</summary>
    Crc,

    /// <summary>"07070X": rpm's stripped header, only a file index into the package header (rpm ≥ 4.12, large files).</summary>
    Stripped,
}
