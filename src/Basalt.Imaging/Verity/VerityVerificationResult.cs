namespace Basalt.Imaging.Verity;

/// <summary>The outcome of <see cref="VerityVerifier"/>: valid, or the first place where data or tree disagree.</summary>
/// <param name="IsValid">True when the data, every hash block and the root hash agree.</param>
/// <param name="Message">A one-line description of the first failure (null when valid).</param>
/// <param name="DataBlock">The first corrupted data block, when the data is at fault.</param>
/// <param name="HashFileOffset">The hash file offset of the first corrupted hash block, when the tree is at fault.</param>
public sealed record VerityVerificationResult(bool IsValid, string? Message, long? DataBlock, long? HashFileOffset)
{
    internal static VerityVerificationResult Valid { get; } = new(true, null, null, null);

    internal static VerityVerificationResult BadData(long block) => new(false,
        $"Data block {block} (offset {block * VerityLayout.BlockSize}) does not match its hash.", block, null);

    internal static VerityVerificationResult BadHash(long offset, int level) => new(false,
        $"Hash block at offset {offset} (tree level {level}) does not match its parent hash.", null, offset);

    internal static VerityVerificationResult BadRoot(long offset) => new(false,
        "Root hash does not match the top of the hash tree.", null, offset);
}
