namespace Basalt.Imaging.Fat;

/// <summary>The three FAT variants, told apart by cluster count alone (fatgen103 section 3.5).</summary>
public enum FatType
{
    Fat12 = 12,
    Fat16 = 16,
    Fat32 = 32,
}

/// <summary>
/// One file or directory found by <see cref="FatReader"/>. <paramref name="Name"/> is the long name when the
/// directory has a valid one, else the short name as shown (with the NT lower-case flags applied).
/// </summary>
public sealed record FatReaderEntry(string Path, string Name, string ShortName, bool IsDirectory, long Size, uint FirstCluster, byte Attributes);
