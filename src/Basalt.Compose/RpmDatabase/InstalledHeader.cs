using System.Buffers.Binary;
using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// The header rpm stores for an installed package (one row of the Packages table). rpm imports the package's main
/// header, merges signature tags into it (<see cref="SignatureTagMerge"/>), adds the install tags (FILESTATES,
/// INSTALLTID, INSTALLTIME, INSTALLCOLOR and, for relocatable packages, INSTPREFIXES) and exports it with
/// headerExport. Export copies the immutable region verbatim (its index entries and data, so the header digests
/// and signatures still verify) and appends the added entries after it, sorted by tag, each value aligned to its
/// element size within the data store. The stored blob has no magic: it starts at the index count.
/// </summary>
internal static class InstalledHeader
{
    /// <summary>Bytes of the header magic (magic, version, reserved) that headerExport leaves out.</summary>
    private const int MagicSize = 8;

    /// <summary>RPMFILE_STATE_NORMAL: the file is on disk as the package delivered it.</summary>
    private const byte FileStateNormal = 0;

    /// <summary>Builds the installed header of <paramref name="package"/>: the exact blob for the Packages table, and the parsed header.</summary>
    public static (byte[] Blob, RpmHeader Header) Build(RpmPackageHeaders package, InstallStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(package);
        var header = package.Header;
        // rpm since 4.0 writes an immutable region covering the whole header; older ones get rewritten by rpm's
        // legacy retrofit, which we do not reproduce.
        if (header.RegionTag != RpmFormat.HeaderImmutableTag || header.RegionEntryCount != header.Entries.Count)
        {
            throw new InvalidDataException(
                $"'{package.Source}' header: expected an immutable region (tag {RpmFormat.HeaderImmutableTag}) covering all {header.Entries.Count} entries, " +
                $"found region tag {header.RegionTag} covering {header.RegionEntryCount}; pre-rpm-4 packages cannot be recorded.");
        }

        var added = new SortedDictionary<int, AddedEntry>();
        SignatureTagMerge.Apply(package, added);
        AddInstallTags(package, stamp, added);

        var bytes = Export(header, added, package.Source);
        var installed = RpmHeader.Parse(bytes, $"'{package.Source}' installed header");
        return (bytes[MagicSize..], installed);
    }

    private static void AddInstallTags(RpmPackageHeaders package, InstallStamp stamp, SortedDictionary<int, AddedEntry> added)
    {
        var header = package.Header;
        foreach (var tag in (ReadOnlySpan<RpmTag>)[RpmTag.FileStates, RpmTag.InstallTid, RpmTag.InstallTime, RpmTag.InstallColor, RpmTag.InstPrefixes])
        {
            if (header.Contains(tag))
            {
                throw new InvalidDataException($"'{package.Source}' header already carries install-time tag {(int)tag} ({tag}); it is not a package file's header.");
            }
        }

        // One state per file (rpmfs), all NORMAL: every file of the package is in the image.
        var fileCount = header.Find(RpmTag.BaseNames)?.Count ?? 0;
        if (fileCount > 0)
        {
            added[(int)RpmTag.FileStates] = new AddedEntry(RpmTagType.Char, fileCount, new byte[fileCount]);
        }

        added[(int)RpmTag.InstallTid] = Int32(stamp.TransactionId);
        added[(int)RpmTag.InstallTime] = Int32(stamp.InstallTime);
        added[(int)RpmTag.InstallColor] = Int32(stamp.TransactionColor);

        // Without relocations rpm records the package's own prefixes as the ones it was installed at.
        if (header.Find(RpmTag.Prefixes) is { Type: RpmTagType.StringArray } prefixes)
        {
            added[(int)RpmTag.InstPrefixes] = new AddedEntry(RpmTagType.StringArray, prefixes.Count, prefixes.Data);
        }
    }

    private static AddedEntry Int32(uint value)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, value);
        return new AddedEntry(RpmTagType.Int32, 1, data);
    }

    /// <summary>Lays out the region (copied as stored) followed by the added entries, with the magic in front.</summary>
    private static byte[] Export(RpmHeader header, SortedDictionary<int, AddedEntry> added, string source)
    {
        var original = header.Bytes.Span;
        var indexCount = header.Entries.Count;
        var indexBytes = indexCount * RpmFormat.IndexEntrySize;
        var store = original[(RpmFormat.HeaderIntroSize + indexBytes)..];

        // Offsets of the added values in the data store, after alignment padding.
        var offsets = new int[added.Count];
        long dataSize = store.Length;
        var i = 0;
        foreach (var entry in added.Values)
        {
            var alignment = RpmTagTypes.ElementSize(entry.Type);
            if (alignment > 1)
            {
                dataSize += (alignment - (dataSize % alignment)) % alignment;
            }

            offsets[i++] = checked((int)dataSize);
            dataSize += entry.Data.Length;
        }

        var newIndexCount = indexCount + added.Count;
        if (dataSize > RpmFormat.MaxDataSize || newIndexCount > RpmFormat.MaxIndexEntries)
        {
            throw new InvalidDataException($"'{source}' installed header would exceed rpm's limits ({newIndexCount} entries, {dataSize} data bytes).");
        }

        var result = new byte[checked(RpmFormat.HeaderIntroSize + (newIndexCount * RpmFormat.IndexEntrySize) + (int)dataSize)];
        var span = result.AsSpan();
        original[..8].CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], newIndexCount);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], (int)dataSize);
        original.Slice(RpmFormat.HeaderIntroSize, indexBytes).CopyTo(span[RpmFormat.HeaderIntroSize..]);
        var dataStart = RpmFormat.HeaderIntroSize + (newIndexCount * RpmFormat.IndexEntrySize);
        store.CopyTo(span[dataStart..]);

        i = 0;
        foreach (var (tag, entry) in added)
        {
            var record = span.Slice(RpmFormat.HeaderIntroSize + ((indexCount + i) * RpmFormat.IndexEntrySize), RpmFormat.IndexEntrySize);
            BinaryPrimitives.WriteInt32BigEndian(record, tag);
            BinaryPrimitives.WriteInt32BigEndian(record[4..], (int)entry.Type);
            BinaryPrimitives.WriteInt32BigEndian(record[8..], offsets[i]);
            BinaryPrimitives.WriteInt32BigEndian(record[12..], entry.Count);
            entry.Data.Span.CopyTo(span[(dataStart + offsets[i])..]);
            i++;
        }

        return result;
    }
}
