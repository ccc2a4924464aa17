using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Basalt.IO;
using static Basalt.Imaging.Oci.TarLayout;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Lists the members of an uncompressed tar (ustar with pax extended headers, GNU base-256 sizes) up to the
/// end-of-archive marker, checking each header checksum; data after the marker is ignored, as COSI requires.
/// </summary>
internal static class CosiTarScanner
{
    private const int MaxMembers = 100_000;
    private const int MaxPaxBytes = 1 << 20;

    public static List<CosiTarMember> Scan(Stream stream, string file)
    {
        try
        {
            return ScanCore(stream, file);
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"COSI '{file}': a tar size or offset is out of range.", e);
        }
    }

    private static List<CosiTarMember> ScanCore(Stream stream, string file)
    {
        var members = new List<CosiTarMember>();
        var block = new byte[BlockSize];
        long offset = 0;
        string? paxPath = null;
        long? paxSize = null;
        while (true)
        {
            if (!TryReadBlock(stream, offset, block))
            {
                throw new InvalidDataException($"COSI '{file}': truncated tar at offset {offset} (no end-of-archive marker).");
            }

            if (block.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                if (!TryReadBlock(stream, offset + BlockSize, block) || block.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
                {
                    throw new InvalidDataException($"COSI '{file}': the end-of-archive marker at offset {offset} is not two zero blocks.");
                }

                return members;
            }

            VerifyChecksum(block, offset, file);
            var type = block[TypeFlagOffset];
            var size = ParseNumber(block.AsSpan(SizeOffset, SizeLength), offset, "size", file);
            var dataOffset = checked(offset + BlockSize);
            if (type is TypePaxExtended or TypePaxGlobal)
            {
                if (size > MaxPaxBytes)
                {
                    throw new InvalidDataException($"COSI '{file}': pax header at offset {offset} is {size} bytes, more than {MaxPaxBytes}.");
                }

                var records = new byte[size];
                stream.Position = dataOffset;
                stream.ReadExactly(records, $"COSI '{file}' pax header", dataOffset);
                if (type == TypePaxExtended)
                {
                    ParsePax(records, offset, file, ref paxPath, ref paxSize);
                }
            }
            else
            {
                var name = paxPath ?? HeaderName(block);
                size = paxSize ?? size;
                members.Add(new CosiTarMember(name, type, offset, dataOffset, type is TypeRegular or 0 ? size : 0));
                paxPath = null;
                paxSize = null;
                if (members.Count > MaxMembers)
                {
                    throw new InvalidDataException($"COSI '{file}': more than {MaxMembers} tar members.");
                }
            }

            offset = checked(dataOffset + size + Padding(size));
        }
    }

    private static bool TryReadBlock(Stream stream, long offset, byte[] block)
    {
        if (offset > stream.Length - BlockSize)
        {
            return false;
        }

        stream.Position = offset;
        stream.ReadExactly(block);
        return true;
    }

    private static void VerifyChecksum(byte[] block, long offset, string file)
    {
        var stored = ParseNumber(block.AsSpan(ChecksumOffset, ChecksumLength), offset, "checksum", file);
        long sum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            sum += i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? ' ' : block[i];
        }

        if (sum != stored)
        {
            throw new InvalidDataException($"COSI '{file}': tar header at offset {offset} has checksum {stored}, computed {sum}.");
        }
    }

    private static string HeaderName(byte[] block)
    {
        var name = CString(block.AsSpan(NameOffset, NameLength));
        if (block.AsSpan(MagicOffset, 5).SequenceEqual("ustar"u8))
        {
            var prefix = CString(block.AsSpan(PrefixOffset, PrefixLength));
            if (prefix.Length > 0)
            {
                name = prefix + "/" + name;
            }
        }

        return name;
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>An octal field (NUL/space terminated), or GNU base-256 when the top bit of the first byte is set.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field, long offset, string what, string file)
    {
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80 || field[1..^8].IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new InvalidDataException($"COSI '{file}': tar {what} at header offset {offset} is out of range.");
            }

            var value = BinaryPrimitives.ReadInt64BigEndian(field[^8..]);
            return value >= 0 ? value : throw new InvalidDataException($"COSI '{file}': tar {what} at header offset {offset} is negative.");
        }

        long result = 0;
        var trimmed = field.Trim((byte)' ').TrimEnd((byte)0).Trim((byte)' ');
        foreach (var b in trimmed)
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                throw new InvalidDataException($"COSI '{file}': tar {what} at header offset {offset} is not octal.");
            }

            result = checked((result * 8) + (b - '0'));
        }

        return result;
    }

    private static void ParsePax(byte[] records, long offset, string file, ref string? path, ref long? size)
    {
        var span = records.AsSpan();
        while (span.Length > 0)
        {
            var space = span.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(span[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > span.Length || length <= space + 1 || span[length - 1] != '\n')
            {
                throw new InvalidDataException($"COSI '{file}': malformed pax record in the header at offset {offset}.");
            }

            var record = span[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals < 0)
            {
                throw new InvalidDataException($"COSI '{file}': pax record without '=' in the header at offset {offset}.");
            }

            var key = Encoding.UTF8.GetString(record[..equals]);
            var value = record[(equals + 1)..];
            if (key == "path")
            {
                path = Encoding.UTF8.GetString(value);
            }
            else if (key == "size")
            {
                size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"COSI '{file}': pax size in the header at offset {offset} is not a number.");
            }

            span = span[length..];
        }
    }
}
