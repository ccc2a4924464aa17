using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Basalt.Compose.Definition;
using Basalt.Imaging.Gpt;

namespace Basalt.Compose.Outputs;

/// <summary>
/// Every identifier of an image that is not a content hash, derived from the definition's reproducibility seed:
/// HMAC-SHA256 keyed with the seed's UTF-8 bytes over a purpose label, the first 16 bytes made an RFC 9562 version-4
/// UUID (<see cref="GuidDerivation"/>, as systemd-repart derives its UUIDs from its seed). The usr data and hash
/// partition UUIDs are the exception: they come from the verity root hash (<see cref="FromRootHash"/>).
/// </summary>
public sealed class ImageIdentity
{
    private readonly byte[] _seed;

    public ImageIdentity(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        _seed = Encoding.UTF8.GetBytes(seed);
    }

    public static ImageIdentity For(ImageDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ImageIdentity(definition.Reproducibility.Seed);
    }

    public Guid DiskGuid => Derive("disk");

    public Guid EspPartition => Derive("partition/esp");

    public Guid UsrBPartition => Derive("partition/usr-b");

    public Guid UsrBVerityPartition => Derive("partition/usr-b-verity");

    /// <summary>The EROFS superblock UUID of usr-A.</summary>
    public Guid UsrFileSystem => Derive("filesystem/usr");

    /// <summary>The UUID in the dm-verity superblock.</summary>
    public Guid VerityUuid => Derive("verity/uuid");

    public Guid VhdUniqueId => Derive("vhd");

    public Guid CosiId => Derive("cosi");

    /// <summary>The FAT volume serial of the ESP: the first 32 bits of its derived UUID.</summary>
    public uint EspSerial
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Derive("filesystem/esp").TryWriteBytes(bytes, bigEndian: true, out _);
            return BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }
    }

    /// <summary>The dm-verity salt: the whole 32-byte HMAC over its label (veritysetup's default salt size).</summary>
    public byte[] VeritySalt => HMACSHA256.HashData(_seed, Encoding.UTF8.GetBytes("basalt/verity/salt"));

    /// <summary>
    /// The partition UUIDs systemd looks for when given <c>usrhash=</c> (systemd-veritysetup-generator(8), and what
    /// systemd-repart's Verity= writes): the data partition is the first 128 bits of the root hash, the hash partition
    /// the last 128 bits, each read as a UUID in textual byte order (no version bits are set).
    /// </summary>
    public static (Guid Data, Guid Hash) FromRootHash(ReadOnlySpan<byte> rootHash)
    {
        if (rootHash.Length < 32)
        {
            throw new ArgumentException($"A verity root hash of {rootHash.Length} bytes is too short for two 128-bit UUIDs.", nameof(rootHash));
        }

        return (new Guid(rootHash[..16], bigEndian: true), new Guid(rootHash[^16..], bigEndian: true));
    }

    private Guid Derive(string purpose) => GuidDerivation.Derive(_seed, "basalt/" + purpose);
}
