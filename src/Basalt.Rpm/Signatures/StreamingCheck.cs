using System.Security.Cryptography;

namespace Basalt.Rpm.Signatures;

/// <summary>A check fed the bytes it covers as they stream past, completed once the input ends.</summary>
internal abstract class StreamingCheck : IDisposable
{
    public abstract void Append(byte[] buffer, int offset, int count);

    public abstract RpmCheck Complete();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>A digest compared with its expected hex value (rpm stores SHA1/SHA256/payload digests as hex, MD5 as binary).</summary>
internal sealed class DigestCheck(string name, int tag, IncrementalHash hash, string expectedHex) : StreamingCheck
{
    public override void Append(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

    public override RpmCheck Complete()
    {
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        var ok = string.Equals(actual, expectedHex, StringComparison.OrdinalIgnoreCase);
        return new RpmCheck(RpmCheckKind.Digest, name, tag, ok ? RpmCheckResult.Ok : RpmCheckResult.Bad)
        {
            Expected = expectedHex.ToLowerInvariant(),
            Actual = actual,
        };
    }

    public override void Dispose()
    {
        hash.Dispose();
        base.Dispose();
    }
}

/// <summary>A byte count compared with a size tag.</summary>
internal sealed class SizeCheck(string name, int tag, ulong expected) : StreamingCheck
{
    private ulong _count;

    public override void Append(byte[] buffer, int offset, int count) => _count += (ulong)count;

    public override RpmCheck Complete() => new(RpmCheckKind.Size, name, tag, _count == expected ? RpmCheckResult.Ok : RpmCheckResult.Bad)
    {
        Expected = expected.ToString(),
        Actual = _count.ToString(),
    };
}

/// <summary>A check whose verdict is known before any data arrives (a missing key, an unparsable packet).</summary>
internal sealed class FixedCheck(RpmCheck check) : StreamingCheck
{
    public override void Append(byte[] buffer, int offset, int count)
    {
    }

    public override RpmCheck Complete() => check;
}
