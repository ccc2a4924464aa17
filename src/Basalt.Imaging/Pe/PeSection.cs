namespace Basalt.Imaging.Pe;

/// <summary>One entry of a PE section table (PE format specification, "Section Table (Section Headers)").</summary>
/// <param name="Name">The 8-byte name up to its first NUL.</param>
/// <param name="VirtualAddress">RVA of the section once loaded.</param>
/// <param name="VirtualSize">Size in memory; when larger than <paramref name="SizeOfRawData"/> the loader zero-fills.</param>
/// <param name="PointerToRawData">File offset of the raw data.</param>
/// <param name="SizeOfRawData">Size of the raw data in the file, a multiple of FileAlignment.</param>
/// <param name="Characteristics">IMAGE_SCN_* flags.</param>
public sealed record PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint PointerToRawData, uint SizeOfRawData, uint Characteristics)
{
    /// <summary>The number of meaningful bytes in the file: the raw data trimmed to the virtual size.</summary>
    public uint DataLength => VirtualSize == 0 ? SizeOfRawData : Math.Min(VirtualSize, SizeOfRawData);

    /// <summary>The size the section occupies in memory (the loader uses SizeOfRawData when VirtualSize is zero).</summary>
    public uint MemorySize => VirtualSize == 0 ? SizeOfRawData : VirtualSize;
}
