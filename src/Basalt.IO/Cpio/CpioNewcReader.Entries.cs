namespace Basalt.IO.Cpio;

/// <summary>Pure header decoding over the bytes already in <c>_header</c>: shared by the sync and async paths.</summary>
public sealed partial class CpioNewcReader
{
    private const string MagicWhat = "cpio header magic (the archive ends without a 'TRAILER!!!' entry)";

    private CpioFormat ClassifyMagic(long headerOffset)
    {
        var magic = _header.AsSpan(0, CpioLayout.MagicLength);
        if (magic.SequenceEqual(CpioLayout.StrippedMagic))
        {
            return CpioFormat.Stripped;
        }

        if (magic.SequenceEqual(CpioLayout.NewcMagic))
        {
            return CpioFormat.Newc;
        }

        if (magic.SequenceEqual(CpioLayout.CrcMagic))
        {
            return CpioFormat.Crc;
        }

        throw new InvalidDataException(
            $"No cpio header at offset {headerOffset}: magic '{Printable(magic)}' is not '070701', '070702' or '07070X'.");
    }

    /// <summary>The stripped entry for the file index in the header, or null for rpm's end marker (index -1).</summary>
    private CpioEntry? StrippedEntry(long headerOffset)
    {
        var index = ParseHex(_header.AsSpan(CpioLayout.MagicLength, CpioLayout.FieldLength), "file index", headerOffset);
        if (index == uint.MaxValue)
        {
            return null; // rpm ends a stripped archive at file index -1 as well as at the newc trailer.
        }

        var resolver = _options.StrippedFileSize ?? throw new InvalidDataException(
            $"Stripped cpio header (file index {index}) at offset {headerOffset}: the sizes of stripped entries come from the package header, and none was given.");
        if (index > int.MaxValue)
        {
            throw new InvalidDataException($"Stripped cpio header at offset {headerOffset}: file index {index} is out of range.");
        }

        var size = resolver((int)index);
        CheckSize(size, $"file index {index}", headerOffset);
        return new CpioEntry
        {
            Format = CpioFormat.Stripped,
            FileIndex = (int)index,
            FileSize = size,
            NumberOfLinks = 0,
            HeaderOffset = headerOffset,
        };
    }

    private uint[] ParseFields(long headerOffset)
    {
        var values = new uint[CpioLayout.FieldCount];
        for (var i = 0; i < CpioLayout.FieldCount; i++)
        {
            values[i] = ParseHex(_header.AsSpan(CpioLayout.FieldOffset(i), CpioLayout.FieldLength), CpioLayout.FieldNames[i], headerOffset);
        }

        return values;
    }

    /// <summary>The full entry, or null for the trailer.</summary>
    private CpioEntry? FullEntry(uint[] values, string name, CpioFormat format, long headerOffset)
    {
        if (name == CpioLayout.TrailerName)
        {
            return null;
        }

        long size = values[CpioLayout.FileSizeField];
        CheckSize(size, name, headerOffset);
        return new CpioEntry
        {
            Name = name,
            Format = format,
            Inode = values[CpioLayout.InodeField],
            Mode = values[CpioLayout.ModeField],
            Uid = values[CpioLayout.UidField],
            Gid = values[CpioLayout.GidField],
            NumberOfLinks = values[CpioLayout.NlinkField],
            ModificationTime = values[CpioLayout.MtimeField],
            FileSize = size,
            DevMajor = values[CpioLayout.DevMajorField],
            DevMinor = values[CpioLayout.DevMinorField],
            RdevMajor = values[CpioLayout.RdevMajorField],
            RdevMinor = values[CpioLayout.RdevMinorField],
            Checksum = values[CpioLayout.ChecksumField],
            HeaderOffset = headerOffset,
        };
    }

    /// <summary>c_namesize counts the terminating NUL, so 1 is the empty name and 0 is malformed; capped before allocating.</summary>
    private int NameSize(uint[] values, long headerOffset)
    {
        var nameSize = values[CpioLayout.NameSizeField];
        if (nameSize == 0 || nameSize > (uint)_options.MaxNameSize)
        {
            throw new InvalidDataException(
                $"cpio header at offset {headerOffset}: c_namesize {nameSize} is outside 1..{_options.MaxNameSize}.");
        }

        return (int)nameSize;
    }

    private void CheckSize(long size, string entry, long headerOffset)
    {
        if (size < 0 || size > _options.MaxFileSize)
        {
            throw new InvalidDataException(
                $"cpio entry '{entry}' at offset {headerOffset}: size {size} is outside 0..{_options.MaxFileSize}.");
        }
    }
}
