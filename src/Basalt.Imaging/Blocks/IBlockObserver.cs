namespace Basalt.Imaging.Blocks;

/// <summary>
/// Sees every block of an image as a writer produces it, so a digest over the blocks (dm-verity's hash tree) can be
/// computed while the image is written instead of by reading it back. Writers may call <see cref="Blocks"/> from several
/// threads at once, each time with whole blocks of a range no other call covers, in any order.
/// </summary>
public interface IBlockObserver
{
    /// <summary>Called once, before any block, with the size of the image in blocks of <paramref name="blockSize"/> bytes.</summary>
    void Begin(long blockCount, int blockSize);

    /// <summary>Whole blocks starting at block <paramref name="firstBlock"/>: <paramref name="data"/>'s length is a multiple of the block size.</summary>
    void Blocks(long firstBlock, ReadOnlySpan<byte> data);
}
