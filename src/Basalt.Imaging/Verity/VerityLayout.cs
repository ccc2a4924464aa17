namespace Basalt.Imaging.Verity;

/// <summary>
/// The on-disk facts of dm-verity as <c>veritysetup format</c> (cryptsetup) writes them: the 512-byte
/// version 1 superblock (struct verity_sb, little-endian) at the hash offset, padded to one hash block,
/// then the hash tree with its highest level first. See the kernel's
/// Documentation/admin-guide/device-mapper/verity.rst and cryptsetup's VERITY format notes.
/// </summary>
internal static class VerityLayout
{
    public const int BlockSize = 4096;
    public const int DigestSize = 32;

    /// <summary>Hash type 1: digest = H(salt || block), digests padded to a power of two (32 for SHA-256).</summary>
    public const uint HashTypeNormal = 1;
    public const uint SuperblockVersion = 1;
    public const int MaxSaltSize = 256;
    public const string Algorithm = "sha256";

    /// <summary>128 SHA-256 digests per 4 KiB hash block, so each level shrinks by 2^7.</summary>
    public const int DigestsPerBlockBits = 7;
    public const int DigestsPerBlock = 1 << DigestsPerBlockBits;

    public static ReadOnlySpan<byte> Signature => "verity\0\0"u8;

    // struct verity_sb field offsets.
    public const int SuperblockSize = 512;
    public const int SignatureOffset = 0;
    public const int SignatureLength = 8;
    public const int VersionOffset = 8;
    public const int HashTypeOffset = 12;
    public const int UuidOffset = 16;
    public const int AlgorithmOffset = 32;
    public const int AlgorithmLength = 32;
    public const int DataBlockSizeOffset = 64;
    public const int HashBlockSizeOffset = 68;
    public const int DataBlocksOffset = 72;
    public const int SaltSizeOffset = 80;
    public const int SaltOffset = 88;
}
