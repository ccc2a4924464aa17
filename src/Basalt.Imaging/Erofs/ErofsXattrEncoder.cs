using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Encodes an inode's inline xattr body (erofs_fs.h: struct erofs_xattr_ibody_header, then
/// struct erofs_xattr_entry records, each padded to 4 bytes). Names are stored as a short prefix index
/// plus the remainder, with the kernel's EROFS_XATTR_INDEX_* values; no shared xattrs are used.
/// </summary>
internal static class ErofsXattrEncoder
{
    /// <summary>Prefix → index. The two POSIX ACL names are whole names (empty remainder).</summary>
    private static readonly (string Prefix, byte Index)[] Prefixes =
    [
        ("system.posix_acl_access", 2),
        ("system.posix_acl_default", 3),
        ("user.", 1),
        ("trusted.", 4),
        ("security.", 6),
    ];

    /// <summary>i_xattr_icount counts 4-byte units after the 12-byte header, plus one.</summary>
    private const int MaxBodySize = ErofsLayout.XattrBodyHeaderSize + (4 * (ushort.MaxValue - 1));

    public static byte[] Encode(ExtendedAttributeCollection attributes, string path)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var size = ErofsLayout.XattrBodyHeaderSize;
        var entries = new List<(byte Index, byte[] Suffix, byte[] Value)>(attributes.Count);
        foreach (var (name, value) in attributes)
        {
            var (prefix, index) = Array.Find(Prefixes, p => p.Prefix.EndsWith('.') ? name.StartsWith(p.Prefix, StringComparison.Ordinal) : name == p.Prefix);
            if (prefix is null)
            {
                throw new NotSupportedException($"Extended attribute '{name}' of '{path}' has a namespace EROFS cannot store (user., trusted., security., system.posix_acl_*).");
            }

            if (value.Length > ushort.MaxValue)
            {
                throw new NotSupportedException($"Extended attribute '{name}' of '{path}' is {value.Length} bytes; EROFS stores at most {ushort.MaxValue}.");
            }

            var suffix = Encoding.UTF8.GetBytes(name[prefix.Length..]);
            entries.Add((index, suffix, value));
            size = checked(size + Align(ErofsLayout.XattrEntryHeaderSize + suffix.Length + value.Length));
        }

        if (size > MaxBodySize)
        {
            throw new NotSupportedException($"Extended attributes of '{path}' need {size} bytes; an EROFS inode holds at most {MaxBodySize}.");
        }

        var body = new byte[size];
        var offset = ErofsLayout.XattrBodyHeaderSize;
        foreach (var (index, suffix, value) in entries)
        {
            body[offset] = (byte)suffix.Length;
            body[offset + 1] = index;
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(offset + 2), (ushort)value.Length);
            suffix.CopyTo(body, offset + ErofsLayout.XattrEntryHeaderSize);
            value.CopyTo(body, offset + ErofsLayout.XattrEntryHeaderSize + suffix.Length);
            offset += Align(ErofsLayout.XattrEntryHeaderSize + suffix.Length + value.Length);
        }

        return body;
    }

    /// <summary>The i_xattr_icount value for a body of <paramref name="size"/> bytes.</summary>
    public static ushort Count(int size) => size == 0 ? (ushort)0 : (ushort)(((size - ErofsLayout.XattrBodyHeaderSize) / 4) + 1);

    private static int Align(int value) => (value + ErofsLayout.XattrAlignment - 1) & ~(ErofsLayout.XattrAlignment - 1);
}
