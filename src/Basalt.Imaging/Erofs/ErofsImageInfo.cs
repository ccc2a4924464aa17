namespace Basalt.Imaging.Erofs;

/// <summary>A summary of a written EROFS image.</summary>
/// <param name="Blocks">4 KiB blocks in the image.</param>
/// <param name="Inodes">Inodes written (hard links counted once).</param>
/// <param name="RootNid">The root directory's node number.</param>
public sealed record ErofsImageInfo(long Blocks, long Inodes, ulong RootNid)
{
    /// <summary>The image size in bytes.</summary>
    public long Size => Blocks * 4096;
}
