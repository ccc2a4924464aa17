using System.Buffers.Binary;

namespace Basalt.Imaging.Pe;

/// <summary>
/// The optional header's CheckSum: the 16-bit one's-complement style sum (end-around carry) of the whole file read as
/// little-endian words with the CheckSum field taken as zero, plus the file length. This is the algorithm of
/// imagehlp's CheckSumMappedFile, which the PE format specification names for the field.
/// </summary>
internal static class PeChecksum
{
    public static uint Compute(ReadOnlySpan<byte> file, int checksumOffset)
    {
        // Sum in three parts so the words keep their pairing: everything before the even-aligned window that holds the
        // field, the window with the field zeroed, and the rest.
        var windowStart = checksumOffset & ~1;
        Span<byte> window = stackalloc byte[6];
        window.Clear();
        var windowLength = Math.Min(6, file.Length - windowStart);
        file.Slice(windowStart, windowLength).CopyTo(window);
        window.Slice(checksumOffset - windowStart, 4).Clear();
        var sum = Sum(file[..windowStart]) + Sum(window[..windowLength]);
        if (windowStart + windowLength < file.Length)
        {
            sum += Sum(file[(windowStart + windowLength)..]);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return unchecked((uint)sum + (uint)file.Length);
    }

    /// <summary>Sums little-endian 16-bit words; an odd trailing byte counts as a word with a zero high byte.</summary>
    private static ulong Sum(ReadOnlySpan<byte> data)
    {
        // A ulong cannot overflow here: 2^31 bytes of 0xFFFF words sum to below 2^47.
        ulong sum = 0;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
            sum += (value & 0xFFFF) + ((value >> 16) & 0xFFFF) + ((value >> 32) & 0xFFFF) + (value >> 48);
        }

        for (; i + 2 <= data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += data[i];
        }

        return sum;
    }
}
