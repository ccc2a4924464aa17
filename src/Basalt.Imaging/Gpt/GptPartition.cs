namespace Basalt.Imaging.Gpt;

/// <summary>One GPT partition entry (UEFI table 5.6). LBAs are inclusive, in 512-byte sectors.</summary>
/// <param name="Number">The 1-based index of the entry in the entry array (what /dev/sdaN counts).</param>
public sealed record GptPartition(int Number, Guid Type, Guid UniqueId, long FirstLba, long LastLba, ulong Attributes, string Name)
{
    public long SizeSectors => LastLba - FirstLba + 1;

    public long OffsetBytes => FirstLba * GptLayout.SectorSize;

    public long SizeBytes => SizeSectors * GptLayout.SectorSize;
}
