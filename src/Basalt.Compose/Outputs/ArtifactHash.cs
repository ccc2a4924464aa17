using System.Buffers;
using System.Security.Cryptography;
using Basalt.Imaging.Disk;

namespace Basalt.Compose.Outputs;

/// <summary>
/// SHA-256 and size of written artefacts. The raw disk is hashed once; a fixed VHD is the raw disk plus a 512-byte
/// footer, so its hash continues a copy of the raw hash state with the footer instead of reading gigabytes again.
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

    /// <summary>The number of bytes hashed.</summary>
    public long Bytes { get; }

    /// <summary>
    /// Hashes the whole file. Holes of a sparse file (most of a disk image) are hashed from a buffer of zeros rather than
    /// read: the kernel would only copy zeros out to us, gigabytes of them.
    /// </summary>
    public static async Task<ArtifactHash> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var state = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                long position = 0;
                foreach (var (start, end) in SparseExtents.Find(stream, 0))
                {
                    AppendZeros(state, start - position, cancellationToken);
                    stream.Position = start;
                    for (var remaining = end - start; remaining > 0;)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, remaining)), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException($"'{path}' ended at byte {end - remaining} while it was being hashed.");
                        }

                        state.AppendData(buffer, 0, read);
                        remaining -= read;
                    }

                    position = end;
                }

                AppendZeros(state, stream.Length - position, cancellationToken);
                return new ArtifactHash(state, stream.Length);
            }
        }
        catch
        {
            state.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
