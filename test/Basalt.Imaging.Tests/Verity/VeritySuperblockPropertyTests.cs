using Basalt.Imaging.Verity;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Basalt.Imaging.Tests.Verity;

/// <summary>The superblock parser on hostile bytes: false or InvalidDataException, never anything else.</summary>
public sealed class VeritySuperblockPropertyTests
{
    [Property(MaxTest = 2000)]
    public Property TryDecode_RandomBytesAfterSignature_FalseOrInvalidData(byte[] tail, int corruptAt, byte value)
    {
        var superblock = new VeritySuperblock(Guid.Empty, 10, [1, 2, 3]).Encode();
        var bytes = superblock.Concat(tail ?? []).Take(512).ToArray();
        if (bytes.Length > 0)
        {
            bytes[Math.Abs(corruptAt % bytes.Length)] = value;
        }

        try
        {
            var decoded = VeritySuperblock.TryDecode(bytes, "fuzz", out var result);
            return (!decoded || (result.DataBlocks > 0 && result.Salt.Length <= 256)).ToProperty();
        }
        catch (InvalidDataException exception)
        {
            return exception.Message.StartsWith("Verity superblock in 'fuzz' has unsupported ", StringComparison.Ordinal).ToProperty();
        }
    }

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var original = new VeritySuperblock(Guid.Parse("0d1e2f30-4152-6374-8596-a7b8c9d0e1f2"), 123_456, [9, 8, 7]);
        Assert.True(VeritySuperblock.TryDecode(original.Encode(), "x", out var decoded));
        Assert.Equal((original.Uuid, original.DataBlocks), (decoded.Uuid, decoded.DataBlocks));
        Assert.Equal(original.Salt, decoded.Salt);
    }
}
