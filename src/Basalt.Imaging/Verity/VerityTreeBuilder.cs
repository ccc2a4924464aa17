using System.Security.Cryptography;

namespace Basalt.Imaging.Verity;

/// <summary>
/// Builds the hash tree bottom-up while data digests stream in, holding one block per level: when a
/// block of level L fills (128 digests) it is emitted and its own digest is appended to level L+1.
/// </summary>
internal sealed class VerityTreeBuilder : IDisposable
{
    private readonly VerityGeometry _geometry;
    private readonly byte[] _salt;
    private readonly Action<int, long, byte[]> _emit;
    private readonly byte[][] _blocks;
    private readonly int[] _counts;
    private readonly long[] _emitted;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _root;

    /// <param name="emit">Receives (level, index within level, block bytes) for each finished hash block.</param>
    public VerityTreeBuilder(VerityGeometry geometry, byte[] salt, Action<int, long, byte[]> emit)
    {
        _geometry = geometry;
        _salt = salt;
        _emit = emit;
        _blocks = new byte[geometry.Levels][];
        for (var i = 0; i < _blocks.Length; i++)
        {
            _blocks[i] = new byte[VerityLayout.BlockSize];
        }

        _counts = new int[geometry.Levels];
        _emitted = new long[geometry.Levels];
    }

    /// <summary>Appends digests of consecutive data blocks (32 bytes each).</summary>
    public void AddDataDigests(ReadOnlySpan<byte> digests)
    {
        for (var offset = 0; offset < digests.Length; offset += VerityLayout.DigestSize)
        {
            Append(0, digests.Slice(offset, VerityLayout.DigestSize));
        }
    }

    /// <summary>Flushes the partly filled blocks (zero padded) and returns the root hash.</summary>
    public byte[] Complete()
    {
        for (var level = 0; level < _geometry.Levels; level++)
        {
            if (_counts[level] > 0)
            {
                Flush(level);
            }
        }

        return _root ?? throw new InvalidOperationException("The hash tree received fewer digests than its data blocks.");
    }

    public void Dispose() => _hash.Dispose();

    private void Append(int level, ReadOnlySpan<byte> digest)
    {
        if (level == _geometry.Levels)
        {
            // A single data block (no levels) or the one top-level block: its digest is the root hash.
            _root = digest.ToArray();
            return;
        }

        digest.CopyTo(_blocks[level].AsSpan(_counts[level] * VerityLayout.DigestSize));
        if (++_counts[level] == VerityLayout.DigestsPerBlock)
        {
            Flush(level);
        }
    }

    private void Flush(int level)
    {
        var block = _blocks[level];
        _emit(level, _emitted[level]++, block);
        Span<byte> digest = stackalloc byte[VerityLayout.DigestSize];
        VerityBlockHasher.HashBlock(_hash, _salt, block, digest);
        Array.Clear(block);
        _counts[level] = 0;
        Append(level + 1, digest);
    }
}
