namespace Basalt.Imaging.Disk;

public abstract partial class DiskView
{
    /// <summary>Format-specific facts for <c>disk info</c> (footer or header fields), in display order.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> Describe() => [];
}
