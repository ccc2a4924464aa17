using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Disk;

/// <summary>
/// Lays out partitions on a GPT disk (starts aligned to 1 MiB, the whole disk a multiple of 1 MiB so it can
/// become a fixed VHD for Azure) and writes the raw image in one streaming pass, leaving holes for zeros.
/// Everything that varies (disk and partition GUIDs) comes from the caller, so output is deterministic.
/// </summary>
public sealed class DiskImageBuilder
{
    public const long Alignment = 1024 * 1024;
    private const int Sector = GptTable.SectorSize;
    private readonly List<DiskPartitionSpec> _partitions = [];

    public DiskImageBuilder(Guid diskGuid) => DiskGuid = diskGuid;

    public Guid DiskGuid { get; }

    /// <summary>The disk size in bytes (a multiple of 1 MiB); null for the smallest disk that holds the partitions.</summary>
    public long? DiskSizeBytes { get; set; }

    public DiskImageBuilder Add(DiskPartitionSpec partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _partitions.Add(partition);
        return this;
    }

    /// <summary>Places each partition after the previous one, in the order added, and checks the result.</summary>
    public DiskLayout Plan()
    {
        var entries = new List<DiskLayoutEntry>();
        var next = Alignment / Sector;
        foreach (var (spec, index) in _partitions.Select((p, i) => (p, i)))
        {
            var contentLength = spec.Content?.Length ?? 0;
            var size = spec.SizeBytes == 0 ? contentLength : spec.SizeBytes;
            if (size <= 0 || size < contentLength)
            {
                throw new ArgumentException($"Partition '{spec.Name}': size {spec.SizeBytes} must be positive and hold its {contentLength}-byte content.");
            }

            var sectors = checked((size + Sector - 1) / Sector);
            var partition = new GptPartition(index + 1, spec.Type, spec.UniqueId, next, checked(next + sectors - 1), spec.Attributes, spec.Name);
            entries.Add(new DiskLayoutEntry(partition, spec.Content));
            next = AlignUp(checked(next + sectors), Alignment / Sector);
        }

        // The backup GPT needs 33 sectors after the last usable LBA; keep the disk 1 MiB aligned.
        var minimum = checked(AlignUp((next * Sector) + (GptWriter.BackupRegionBytes), Alignment));
        var diskSize = DiskSizeBytes ?? minimum;
        if (diskSize % Alignment != 0 || diskSize < minimum)
        {
            throw new ArgumentException($"Disk size {diskSize} must be a multiple of 1 MiB and at least {minimum} bytes for these partitions.");
        }

        var table = GptTable.Create(DiskGuid, diskSize / Sector, [.. entries.Select(e => e.Partition)]);
        GptWriter.Validate(table);
        return new DiskLayout(table, diskSize, entries);
    }

    /// <summary>Writes the image to a new file (through a temporary name, renamed when complete).</summary>
    public async Task<DiskLayout> WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            DiskLayout layout;
            var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                layout = await WriteAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
            return layout;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the image to an empty seekable stream; regions never written stay holes.</summary>
    public Task<DiskLayout> WriteAsync(Stream destination, CancellationToken cancellationToken = default)
        => WriteAsync(destination, hash: null, cancellationToken);

    /// <summary>
    /// Writes the image as above and hands every byte of it, in file order (holes as zeros), to <paramref name="hash"/>,
    /// which must be new. The hash may still be working when this returns: <see cref="DiskHash.CompleteAsync"/> waits for it.
    /// With <see cref="PartitionContent.InPlace"/> contents the destination is instead the disk those were written into:
    /// already the disk's size, zeros wherever nothing was written; those contents are read back for the hash, not copied.
    /// </summary>
    public async Task<DiskLayout> WriteAsync(Stream destination, DiskHash? hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var layout = Plan();
        var inPlace = layout.Entries.Any(e => e.Content is { IsInPlace: true });
        if (!destination.CanSeek || destination.Length != (inPlace ? layout.SizeBytes : 0))
        {
            throw new ArgumentException(inPlace
                ? $"The destination must be the {layout.SizeBytes}-byte disk the in-place partitions were written into."
                : "The destination must be an empty seekable stream.", nameof(destination));
        }

        if (hash is { Length: not 0 })
        {
            throw new ArgumentException("The disk hash must not have been given any data yet.", nameof(hash));
        }

        // Everything below is written in increasing offset order (primary GPT, partitions, backup GPT), as the hash needs.
        destination.SetLength(layout.SizeBytes);
        destination.Position = 0;
        var primary = GptWriter.BuildPrimary(layout.Table);
        await destination.WriteAsync(primary, cancellationToken).ConfigureAwait(false);
        if (hash is not null)
        {
            await hash.AppendAsync(0, primary, cancellationToken).ConfigureAwait(false);
        }

        foreach (var entry in layout.Entries)
        {
            if (entry.Content is null || entry.Content.Length == 0)
            {
                continue;
            }

            if (entry.Content.IsInPlace)
            {
                if (hash is not null)
                {
                    await ReadBackAsync(destination, entry.Partition.OffsetBytes, entry.Content.Length, hash, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var source = entry.Content.OpenRead();
            await using (source.ConfigureAwait(false))
            {
                await SparseCopy.CopyAsync(source, destination, entry.Partition.OffsetBytes, entry.Content.Length,
                    $"partition '{entry.Partition.Name}'", hash, cancellationToken).ConfigureAwait(false);
            }
        }

        var backupOffset = layout.SizeBytes - GptWriter.BackupRegionBytes;
        var backup = GptWriter.BuildBackup(layout.Table);
        destination.Position = backupOffset;
        await destination.WriteAsync(backup, cancellationToken).ConfigureAwait(false);
        if (hash is not null)
        {
            await hash.AppendAsync(backupOffset, backup, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return layout;
    }

    /// <summary>Hands bytes already in the destination to the hash, in pooled chunks the hash returns when done.</summary>
    private static async Task ReadBackAsync(Stream destination, long offset, long length, DiskHash hash, CancellationToken cancellationToken)
    {
        const int ChunkSize = 1024 * 1024;
        for (var done = 0L; done < length;)
        {
            var want = (int)Math.Min(ChunkSize, length - done);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(want);
            try
            {
                destination.Position = offset + done;
                await destination.ReadExactlyAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            // The hash owns the buffer from here on, also when it throws.
            await hash.AppendPooledAsync(offset + done, buffer, want, cancellationToken).ConfigureAwait(false);
            done += want;
        }
    }

    private static long AlignUp(long value, long alignment) => checked((value + alignment - 1) / alignment * alignment);
}
