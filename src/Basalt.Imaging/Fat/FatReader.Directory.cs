using System.Buffers.Binary;
using System.Text;
using static Basalt.Imaging.Fat.FatReaderLayout;

namespace Basalt.Imaging.Fat;

public sealed partial class FatReader
{
    /// <summary>Decodes the entries of a directory: the FAT12/16 fixed root region, or a cluster chain capped at 65536 entries.</summary>
    private List<FatReaderEntry> ReadDirectory(FatReaderEntry directory)
    {
        var what = $"directory '{directory.Path}'";
        byte[] bytes;
        if (directory.Path == "/" && _boot.RootCluster == 0)
        {
            bytes = new byte[_boot.RootDirectoryBytes];
            ReadAt(_volume, _boot.RootDirectoryOffset, bytes, Name, "root directory");
        }
        else
        {
            // A directory has no size field: read its whole chain, but no more than the 65536 entries a directory may hold.
            var runs = ChainRuns(directory.FirstCluster, MaxDirectoryBytes + 1L, exact: false, what);
            var total = runs.Sum(run => run.Length);
            if (total > MaxDirectoryBytes)
            {
                throw new InvalidDataException($"{Name}: {what} (first cluster {directory.FirstCluster}) is longer than the 65536 entries a FAT directory may hold.");
            }

            bytes = new byte[total];
            var position = 0;
            foreach (var (offset, length) in runs)
            {
                ReadAt(_volume, offset, bytes.AsSpan(position, (int)length), Name, what);
                position += (int)length;
            }
        }

        return ParseDirectory(bytes, directory.Path);
    }

    private List<FatReaderEntry> ParseDirectory(ReadOnlySpan<byte> bytes, string directoryPath)
    {
        var entries = new List<FatReaderEntry>();
        var longName = new LongNameCollector();
        for (var position = 0; position + EntrySize <= bytes.Length; position += EntrySize)
        {
            var entry = bytes.Slice(position, EntrySize);
            if (entry[0] == EndOfDirectory)
            {
                break;
            }

            var attributes = entry[AttributeOffset];
            if (entry[0] == Deleted)
            {
                longName.Reset();
                continue;
            }

            if ((attributes & AttributeLongNameMask) == AttributeLongName)
            {
                longName.Add(entry);
                continue;
            }

            var shortName = ShortName(entry);
            var name = longName.Complete(entry[..NameLength]) ?? shortName;
            longName.Reset();
            if ((attributes & AttributeVolumeId) != 0 || shortName is "." or "..")
            {
                continue;
            }

            // The high word of the first cluster exists on FAT32 only; FAT12/16 volumes may keep other data there.
            var high = _boot.Type == FatType.Fat32 ? (uint)BinaryPrimitives.ReadUInt16LittleEndian(entry[ClusterHighOffset..]) << 16 : 0;
            var cluster = high | BinaryPrimitives.ReadUInt16LittleEndian(entry[ClusterLowOffset..]);
            var isDirectory = (attributes & AttributeDirectory) != 0;
            var size = isDirectory ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(entry[FileSizeOffset..]);
            var path = directoryPath == "/" ? "/" + name : directoryPath + "/" + name;
            entries.Add(new FatReaderEntry(path, name, shortName, isDirectory, size, cluster & Fat32Mask, attributes));
        }

        return entries;
    }

    /// <summary>The 8.3 name as shown: base and extension trimmed, joined by '.', lower-cased where the NT flags say so.</summary>
    private static string ShortName(ReadOnlySpan<byte> entry)
    {
        Span<byte> raw = stackalloc byte[NameLength];
        entry[..NameLength].CopyTo(raw);
        if (raw[0] == KanjiE5)
        {
            raw[0] = Deleted; // 0x05 stands for a real 0xE5 first byte (fatgen103 section 6).
        }

        // Bytes above 0x7F are in the volume's OEM code page, which the volume does not name; Latin-1 keeps them visible.
        var basis = Encoding.Latin1.GetString(raw[..8]).TrimEnd(' ');
        var extension = Encoding.Latin1.GetString(raw[8..]).TrimEnd(' ');
        var flags = entry[CaseFlagsOffset];
        if ((flags & LowerCaseBase) != 0)
        {
            basis = basis.ToLowerInvariant();
        }

        if ((flags & LowerCaseExtension) != 0)
        {
            extension = extension.ToLowerInvariant();
        }

        return extension.Length == 0 ? basis : basis + "." + extension;
    }
}
