using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tests.Disk;
using Basalt.IO;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Gpt;

public sealed class GptReaderTests
{
    private static GptTable Read(byte[] image)
    {
        using var view = new RawDiskView(new MemoryStream(image), image.Length);
        Assert.True(GptReader.TryRead(view, out var table));
        return table;
    }

    [Fact]
    public void TryRead_SampleDisk_RoundTripsTheLayout()
    {
        var layout = SampleDisk.Builder().Plan();
        var table = Read(SampleDisk.Build());
        Assert.Equal(SampleDisk.DiskGuid, table.DiskGuid);
        Assert.Equal(layout.Table.Partitions, table.Partitions);
        Assert.Empty(table.Warnings);
        Assert.Equal(15, GptAttributes.GetPriority(table.Partitions[1].Attributes));
        Assert.True(GptAttributes.GetSuccessful(table.Partitions[1].Attributes));
        Assert.Equal(3, GptAttributes.GetTriesRemaining(table.Partitions[2].Attributes));
    }

    [Fact]
    public void TryRead_ZeroDisk_ReturnsFalse()
    {
        using var view = new RawDiskView(new MemoryStream(new byte[1024 * 1024]), 1024 * 1024);
        Assert.False(GptReader.TryRead(view, out _));
    }

    [Fact]
    public void TryRead_PrimaryHeaderCrcBad_UsesBackupWithWarning()
    {
        var image = SampleDisk.Build();
        image[512 + 16] ^= 0xFF;
        var table = Read(image);
        Assert.Equal(4, table.Partitions.Count);
        Assert.Contains(table.Warnings, w => w.Contains("primary GPT header: header CRC32", StringComparison.Ordinal) && w.Contains("offset 528", StringComparison.Ordinal));
    }

    [Fact]
    public void TryRead_BothHeadersBad_ThrowsNamingOffset()
    {
        var image = SampleDisk.Build();
        image[512 + 16] ^= 0xFF;
        image[image.Length - 512 + 16] ^= 0xFF;
        using var view = new RawDiskView(new MemoryStream(image), image.Length);
        var error = Assert.Throws<InvalidDataException>(() => GptReader.TryRead(view, out _));
        Assert.Contains("header CRC32", error.Message, StringComparison.Ordinal);
        Assert.Contains("at offset 528", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EntryArrayCorrupt_ThrowsWhenBackupAlsoCorrupt()
    {
        var image = SampleDisk.Build();
        image[1024 + 60] ^= 1; // a name byte of entry 1 in the primary array
        image[image.Length - (33 * 512) + 60] ^= 1;
        using var view = new RawDiskView(new MemoryStream(image), image.Length);
        var error = Assert.Throws<InvalidDataException>(() => GptReader.TryRead(view, out _));
        Assert.Contains("entry array CRC32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_AbsurdEntryCount_Rejected()
    {
        var image = SampleDisk.Build();
        SetHeaderField(image, 512, 80, uint.MaxValue);
        SetHeaderField(image, image.Length - 512, 80, uint.MaxValue);
        using var view = new RawDiskView(new MemoryStream(image), image.Length);
        var error = Assert.Throws<InvalidDataException>(() => GptReader.TryRead(view, out _));
        Assert.Contains("entry array of 4294967295 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_TruncatedDisk_ThrowsNamingTheHeader()
    {
        var image = SampleDisk.Build()[..(5 * 1024 * 1024)];
        using var view = new RawDiskView(new MemoryStream(image), image.Length);
        var error = Assert.Throws<InvalidDataException>(() => GptReader.TryRead(view, out _));
        Assert.Contains("usable range 34–26590 (header at offset 512) does not fit the 10240-sector disk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MutatedImages_OnlyInvalidDataEscapes()
    {
        var image = SampleDisk.Build();
        MutationFuzzer.Run(image, [(0, 34 * 512), (image.Length - (33 * 512), 33 * 512)], bytes =>
        {
            using var view = new RawDiskView(new MemoryStream(bytes), bytes.Length);
            if (GptReader.TryRead(view, out var table))
            {
                foreach (var p in table.Partitions)
                {
                    _ = FileSystemProbe.Probe(view, p.OffsetBytes, p.SizeBytes);
                }
            }
        });
    }

    /// <summary>Sets a header field and recomputes the header CRC so only that field is wrong.</summary>
    private static void SetHeaderField(byte[] image, int headerOffset, int field, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(headerOffset + field), value);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(headerOffset + 16), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(headerOffset + 16), Crc32.Compute(image.AsSpan(headerOffset, 92)));
    }
}
