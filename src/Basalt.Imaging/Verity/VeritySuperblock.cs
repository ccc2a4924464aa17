using System.Buffers.Binary;
using System.Text;

namespace Basalt.Imaging.Verity;

/// <summary>The version 1 dm-verity superblock (struct verity_sb) with the values Basalt supports.</summary>
public sealed record VeritySuperblock(Guid Uuid, long DataBlocks, byte[] Salt)
{
    /// <summary>Encodes the 512-byte superblock.</summary>
    public byte[] Encode()
    {
        var buffer = new byte[VerityLayout.SuperblockSize];
        var span = buffer.AsSpan();
        VerityLayout.Signature.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[VerityLayout.VersionOffset..], VerityLayout.SuperblockVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(span[VerityLayout.HashTypeOffset..], VerityLayout.HashTypeNormal);
        // cryptsetup stores the UUID's 16 bytes in textual order (RFC 4122 network order).
        Uuid.TryWriteBytes(span.Slice(VerityLayout.UuidOffset, 16), bigEndian: true, out _);
        Encoding.ASCII.GetBytes(VerityLayout.Algorithm, span[VerityLayout.AlgorithmOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[VerityLayout.DataBlockSizeOffset..], VerityLayout.BlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[VerityLayout.HashBlockSizeOffset..], VerityLayout.BlockSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span[VerityLayout.DataBlocksOffset..], (ulong)DataBlocks);
        BinaryPrimitives.WriteUInt16LittleEndian(span[VerityLayout.SaltSizeOffset..], (ushort)Salt.Length);
        Salt.CopyTo(span[VerityLayout.SaltOffset..]);
        return buffer;
    }

    /// <summary>Parses a superblock. Returns false when the signature is absent (not a verity hash device);
    /// throws <see cref="InvalidDataException"/> when it is one but uses values Basalt does not support.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> block, string source, out VeritySuperblock superblock)
    {
        superblock = null!;
        if (block.Length < VerityLayout.SuperblockSize || !block[..VerityLayout.SignatureLength].SequenceEqual(VerityLayout.Signature))
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(block[VerityLayout.VersionOffset..]);
        Require(version == VerityLayout.SuperblockVersion, source, $"superblock version {version} (expected 1)");
        var hashType = BinaryPrimitives.ReadUInt32LittleEndian(block[VerityLayout.HashTypeOffset..]);
        Require(hashType == VerityLayout.HashTypeNormal, source, $"hash type {hashType} (expected 1)");
        var algorithm = Encoding.ASCII.GetString(block.Slice(VerityLayout.AlgorithmOffset, VerityLayout.AlgorithmLength)).TrimEnd('\0');
        Require(algorithm == VerityLayout.Algorithm, source, $"hash algorithm '{algorithm}' (expected 'sha256')");
        var dataBlockSize = BinaryPrimitives.ReadUInt32LittleEndian(block[VerityLayout.DataBlockSizeOffset..]);
        var hashBlockSize = BinaryPrimitives.ReadUInt32LittleEndian(block[VerityLayout.HashBlockSizeOffset..]);
        Require(dataBlockSize == VerityLayout.BlockSize && hashBlockSize == VerityLayout.BlockSize, source,
            $"block sizes {dataBlockSize}/{hashBlockSize} (expected 4096/4096)");
        var dataBlocks = BinaryPrimitives.ReadUInt64LittleEndian(block[VerityLayout.DataBlocksOffset..]);
        Require(dataBlocks is > 0 and <= long.MaxValue / VerityLayout.BlockSize, source, $"data block count {dataBlocks}");
        var saltSize = BinaryPrimitives.ReadUInt16LittleEndian(block[VerityLayout.SaltSizeOffset..]);
        Require(saltSize <= VerityLayout.MaxSaltSize, source, $"salt size {saltSize} (at most 256)");
        var uuid = new Guid(block.Slice(VerityLayout.UuidOffset, 16), bigEndian: true);
        superblock = new VeritySuperblock(uuid, (long)dataBlocks, block.Slice(VerityLayout.SaltOffset, saltSize).ToArray());
        return true;
    }

    private static void Require(bool condition, string source, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Verity superblock in '{source}' has unsupported {what}.");
        }
    }
}
