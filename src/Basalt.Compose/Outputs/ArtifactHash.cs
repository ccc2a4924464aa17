using System.Buffers;
using System.Security.Cryptography;
using Basalt.Imaging.Disk;

namespace Basalt.Compose.Outputs;

/// <summary>
/// SHA-256 and size of written artefacts. The raw disk is hashed once, while it is written (<see cref="DiskHash"/>); a fixed
/// VHD is the raw disk plus a 512-byte footer, so its hash continues a copy of the raw hash state with the footer instead
/// of reading gigabytes again.
/// </summary>
internal sealed class ArtifactHash : IDisposable
{
    private const int BufferSize = 1 << 20;
    private static readonly byte[] Zeros = new byte[BufferSize];
    private readonly IncrementalHash _state;
    private readonly Lock _lock = new();

    private ArtifactHash(IncrementalHash state, long bytes)
    {
        _state = state;
        Bytes = bytes;
    }

    /// <summary>Takes over the SHA-256 state of <paramref name="bytes"/> bytes hashed elsewhere (the raw disk's, from <see cref="DiskHash"/>).</summary>
    public static ArtifactHash FromState(IncrementalHash state, long bytes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new ArtifactHash(state, bytes);
    }

    /// <summary>The number of bytes hashed.</summary>
    public long Bytes { get; }

    /// <summary>
    /// Hashes the whole file. Holes of a sparse file (most of a disk image) are hashed from a buffer of zeros rather than
    /// read: the kernel would only copy zeros out to us, gigabytes of them. Data is read one chunk ahead of the hash, so
    /// the copy out of the page cache overlaps with hashing instead of adding to it.
    /// </summary>
    public static async Task<ArtifactHash> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var state = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        Task<int>? pending = null;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var length = stream.Length;
                var chunks = Chunks(SparseExtents.Find(stream, 0), length);
                var handle = stream.SafeFileHandle;
                var current = 0;
                pending = ReadNext(handle, chunks, 0, buffers[current], path, cancellationToken);
                for (var i = 0; i < chunks.Count; i++)
                {
                    var (_, count) = chunks[i];
                    if (count < 0)
                    {
                        AppendZeros(state, -count, cancellationToken);
                        continue;
                    }

                    var read = await pending!.ConfigureAwait(false);
                    var filled = buffers[current];
                    current ^= 1;
                    // The next data chunk (even past a hole) is read into the other buffer while this one is hashed.
                    pending = ReadNext(handle, chunks, i + 1, buffers[current], path, cancellationToken);
                    state.AppendData(filled, 0, read);
                }

                return new ArtifactHash(state, length);
            }
        }
        catch
        {
            if (pending is not null)
            {
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            state.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>The file in hashing order: (offset, count) for data to read, (offset, -count) for a hole of zeros.</summary>
    private static List<(long Offset, long Count)> Chunks(List<(long Start, long End)> extents, long length)
    {
        var chunks = new List<(long, long)>();
        long position = 0;
        foreach (var (start, end) in extents)
        {
            if (start > position)
            {
                chunks.Add((position, -(start - position)));
            }

            for (var offset = start; offset < end; offset += BufferSize)
            {
                chunks.Add((offset, Math.Min(BufferSize, end - offset)));
            }

            position = end;
        }

        if (length > position)
        {
            chunks.Add((position, -(length - position)));
        }

        return chunks;
    }

    /// <summary>Starts reading the first data chunk at or after <paramref name="index"/>; null when none is left.</summary>
    private static Task<int>? ReadNext(Microsoft.Win32.SafeHandles.SafeFileHandle handle, List<(long Offset, long Count)> chunks, int index,
        byte[] buffer, string path, CancellationToken cancellationToken)
    {
        for (; index < chunks.Count; index++)
        {
            if (chunks[index].Count > 0)
            {
                return ReadAsync(handle, buffer, chunks[index].Offset, chunks[index].Count, path, cancellationToken);
            }
        }

        return null;
    }

    private static async Task<int> ReadAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long offset, long count, string path,
        CancellationToken cancellationToken)
    {
        var wanted = (int)count;
        var done = 0;
        while (done < wanted)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(done, wanted - done), offset + done, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"'{path}' ended at byte {offset + done} while it was being hashed.");
            }

            done += read;
        }

        return done;
    }

    private static void AppendZeros(IncrementalHash state, long count, CancellationToken cancellationToken)
    {
        for (; count > 0; count -= Zeros.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.AppendData(Zeros, 0, (int)Math.Min(Zeros.Length, count));
        }
    }

    /// <summary>The SHA-256 of what was hashed, followed by <paramref name="suffix"/>, in lower-case hexadecimal.</summary>
    public string HexWith(ReadOnlySpan<byte> suffix)
    {
        IncrementalHash copy;
        lock (_lock)
        {
            copy = _state.Clone();
        }

        using (copy)
        {
            copy.AppendData(suffix);
            return Convert.ToHexStringLower(copy.GetHashAndReset());
        }
    }

    public string Hex => HexWith([]);

    public void Dispose() => _state.Dispose();

    /// <summary>The total size of a directory's files (an OCI layout).</summary>
    public static long DirectoryBytes(string path)
        => new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
}
