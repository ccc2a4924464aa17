using System.Buffers.Binary;
using System.Text;

namespace Basalt.Compose.Libraries;

/// <summary>Bounds-checked field reads over a whole ELF file, in its byte order.</summary>
internal sealed partial record ElfSharedObject
{
    private readonly ref struct Reader(ReadOnlySpan<byte> data, bool big, string name)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public void Require(int offset, int length, string what)
        {
            if (offset < 0 || length < 0 || offset > _data.Length - length)
            {
                throw new InvalidDataException($"ELF file '{name}' is truncated: the {what} at offset {offset} needs {length} bytes.");
            }
        }

        public int Offset(ulong offset, int length, string what)
        {
            if (offset > (ulong)_data.Length || (ulong)_data.Length - offset < (ulong)length)
            {
                throw new InvalidDataException($"ELF file '{name}' is truncated: the {what} at offset {offset} lies outside its {_data.Length} bytes.");
            }

            return (int)offset;
        }

        public ulong Word(int offset, bool is64) => is64 ? U64(offset) : U32(offset);

        public long Tag(int offset, bool is64) => is64 ? (long)U64(offset) : (int)U32(offset);

        public ushort U16(int offset)
        {
            Require(offset, 2, "field");
            return big ? BinaryPrimitives.ReadUInt16BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(_data[offset..]);
        }

        public uint U32(int offset)
        {
            Require(offset, 4, "field");
            return big ? BinaryPrimitives.ReadUInt32BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(_data[offset..]);
        }

        public ulong U64(int offset)
        {
            Require(offset, 8, "field");
            return big ? BinaryPrimitives.ReadUInt64BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(_data[offset..]);
        }

        public string String(ulong offset, string what = "dynamic string")
        {
            var start = Offset(offset, 0, what);
            var rest = _data[start..];
            var end = rest[..Math.Min(rest.Length, MaxStringLength + 1)].IndexOf((byte)0);
            if (end < 0)
            {
                throw new InvalidDataException($"ELF file '{name}' has an unterminated {what} at offset {offset}.");
            }

            return Encoding.UTF8.GetString(rest[..end]);
        }
    }
}
