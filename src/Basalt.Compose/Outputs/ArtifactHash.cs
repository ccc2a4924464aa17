using System.Buffers;
using System.Security.Cryptography;

namespace Basalt.Compose.Outputs;

/// <summary>
/// SHA-256 and size of written artefacts. The raw disk is hashed once; a fixed VHD is the raw disk plus a 512-byte
/// footer, so its hash continues a copy of the raw hash state with the footer instead of reading gigabytes again.
/// </summary>
internal sealed class ArtifactHash : IDisposable
{
    private const int BufferSize = 1 << 20;
    private readonly IncrementalHash _state;
    private readonly Lock _lock = new();

    private ArtifactHash(IncrementalHash state, long bytes)
    {
        _state = state;
        Bytes = bytes;
    }

    /// <summary>The number of bytes hashed.</summary>
    public long Bytes { get; }

    /// <summary>Hashes the whole file.</summary>
    public static async Task<ArtifactHash> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var state = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    state.AppendData(buffer, 0, read);
                    total += read;
                }

                return new ArtifactHash(state, total);
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
