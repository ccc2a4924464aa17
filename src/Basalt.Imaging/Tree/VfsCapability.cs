using System.Buffers.Binary;

namespace Basalt.Imaging.Tree;

/// <summary>
/// File capabilities as the kernel stores them in the <c>security.capability</c> attribute: the
/// little-endian <c>struct vfs_cap_data</c> of linux/capability.h, revision 2 (20 bytes) or revision 3
/// (24 bytes, with a root user id for user namespaces).
/// </summary>
public readonly record struct VfsCapability(ulong Permitted, ulong Inheritable, bool Effective, uint? RootId = null)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "security.capability";

    private const uint RevisionMask = 0xFF000000;
    private const uint Revision2 = 0x02000000;
    private const uint Revision3 = 0x03000000;
    private const uint EffectiveFlag = 0x000001;
    private const int Revision2Size = 20;
    private const int Revision3Size = 24;

    /// <summary>The binary attribute value.</summary>
    public byte[] Encode()
    {
        var buffer = new byte[RootId is null ? Revision2Size : Revision3Size];
        var magic = (RootId is null ? Revision2 : Revision3) | (Effective ? EffectiveFlag : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), (uint)Permitted);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), (uint)Inheritable);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(12), (uint)(Permitted >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(16), (uint)(Inheritable >> 32));
        if (RootId is { } rootId)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(20), rootId);
        }

        return buffer;
    }

    /// <summary>Parses an attribute value; throws <see cref="InvalidDataException"/> when it is not vfs_cap_data v2 or v3.</summary>
    public static VfsCapability Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
        {
            throw new InvalidDataException($"'{AttributeName}' is {value.Length} bytes, too short for vfs_cap_data.");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(value);
        var revision = magic & RevisionMask;
        var expected = revision == Revision2 ? Revision2Size : revision == Revision3 ? Revision3Size : -1;
        if (expected < 0 || value.Length != expected)
        {
            throw new InvalidDataException($"'{AttributeName}' has revision 0x{revision:x8} and {value.Length} bytes; expected v2 (20) or v3 (24).");
        }

        var permitted = BinaryPrimitives.ReadUInt32LittleEndian(value[4..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[12..]) << 32);
        var inheritable = BinaryPrimitives.ReadUInt32LittleEndian(value[8..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[16..]) << 32);
        uint? rootId = revision == Revision3 ? BinaryPrimitives.ReadUInt32LittleEndian(value[20..]) : null;
        return new VfsCapability(permitted, inheritable, (magic & EffectiveFlag) != 0, rootId);
    }
}
