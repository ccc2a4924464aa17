using System.Buffers.Binary;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

public sealed class ErofsAclTests
{
    [Fact]
    public void WriteFileAsync_PosixAcls_MountShowsThem()
    {
        using var temp = new TempDirectory("erofs");
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        var file = tree.AddFile("/shared", "x"u8.ToArray(), 0x1F8); // 0770
        var acl = Acl((0x01, 7, uint.MaxValue), (0x02, 6, 1000), (0x04, 7, uint.MaxValue), (0x10, 7, uint.MaxValue), (0x20, 0, uint.MaxValue));
        file.ExtendedAttributes.Set("system.posix_acl_access", acl);
        var directory = tree.AddDirectory("/inherit", 0x1F8);
        directory.ExtendedAttributes.Set("system.posix_acl_default", acl);
        ErofsHarness.RoundTrip(tree, temp);
    }

    /// <summary>The POSIX ACL xattr format: version 2, then (tag u16, perm u16, id u32) entries, little-endian.</summary>
    private static byte[] Acl(params (ushort Tag, ushort Perm, uint Id)[] entries)
    {
        var bytes = new byte[4 + (8 * entries.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 2);
        for (var i = 0; i < entries.Length; i++)
        {
            var span = bytes.AsSpan(4 + (8 * i));
            BinaryPrimitives.WriteUInt16LittleEndian(span, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], entries[i].Perm);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], entries[i].Id);
        }

        return bytes;
    }
}
