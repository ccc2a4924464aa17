using static Basalt.Imaging.Fat.FatReaderLayout;

namespace Basalt.Imaging.Fat;

public sealed partial class FatReader
{
    /// <summary>
    /// Gathers the long-name entries before a short entry (fatgen103 section 7): they come last-first, the first
    /// flagged 0x40, ordinals counting down to 1, each carrying the short name's checksum. A set that breaks any of
    /// these rules, or whose checksum does not match the short entry, is an orphan and ignored, as the spec says.
    /// </summary>
    private sealed class LongNameCollector
    {
        private readonly char[] _chars = new char[MaxLongEntries * LongCharsPerEntry];
        private int _expected;
        private int _count;
        private byte _checksum;
        private bool _valid;

        public void Reset()
        {
            _expected = 0;
            _count = 0;
            _valid = false;
        }

        public void Add(ReadOnlySpan<byte> entry)
        {
            var ordinal = entry[LongOrdinalOffset];
            var number = ordinal & ~LastLongEntry;
            if ((ordinal & LastLongEntry) != 0)
            {
                _valid = number is >= 1 and <= MaxLongEntries;
                _count = number;
                _expected = number;
                _checksum = entry[LongChecksumOffset];
            }
            else if (!_valid || number != _expected - 1 || entry[LongChecksumOffset] != _checksum)
            {
                _valid = false;
                return;
            }
            else
            {
                _expected = number;
            }

            if (!_valid)
            {
                return;
            }

            var start = (number - 1) * LongCharsPerEntry;
            CopyChars(entry.Slice(LongName1Offset, LongName1Chars * 2), start);
            CopyChars(entry.Slice(LongName2Offset, LongName2Chars * 2), start + LongName1Chars);
            CopyChars(entry.Slice(LongName3Offset, LongName3Chars * 2), start + LongName1Chars + LongName2Chars);
        }

        /// <summary>The long name for the short entry whose 11-byte name is <paramref name="shortName"/>, or null.</summary>
        public string? Complete(ReadOnlySpan<byte> shortName)
        {
            if (!_valid || _expected != 1 || FatShortName.Checksum(shortName) != _checksum)
            {
                return null;
            }

            var length = _count * LongCharsPerEntry;
            var end = Array.IndexOf(_chars, '\0', 0, length);
            var name = new string(_chars, 0, end >= 0 ? end : length);
            return name.Length == 0 ? null : name;
        }

        private void CopyChars(ReadOnlySpan<byte> bytes, int start)
        {
            for (var i = 0; i < bytes.Length / 2; i++)
            {
                _chars[start + i] = (char)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
            }
        }
    }
}
