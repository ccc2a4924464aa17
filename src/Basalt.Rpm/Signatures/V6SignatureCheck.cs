using System.Security.Cryptography;

namespace Basalt.Rpm.Signatures;

/// <summary>A version 6 signature verified by Basalt itself (the OpenPGP library cannot read v6 packets), hashing while the data streams.</summary>
internal sealed class V6SignatureCheck : StreamingCheck
{
    private readonly string _name;
    private readonly int _tag;
    private readonly OpenPgpSignatureInfo _info;
    private readonly OpenPgpV6Signature _signature;
    private readonly OpenPgpKey _key;
    private readonly IncrementalHash _hash;

    private V6SignatureCheck(string name, int tag, OpenPgpSignatureInfo info, OpenPgpV6Signature signature, OpenPgpKey key, IncrementalHash hash)
    {
        _name = name;
        _tag = tag;
        _info = info;
        _signature = signature;
        _key = key;
        _hash = hash;
    }

    /// <summary>The check of a v6 packet, or null when it cannot be verified here (the caller then reports why).</summary>
    public static V6SignatureCheck? TryCreate(byte[] packet, string name, int tag, OpenPgpSignatureInfo info, OpenPgpKey key, string where)
    {
        var (_, offset, length) = OpenPgpSignatureInfo.ReadPacketHeader(packet, where);
        var signature = OpenPgpV6Signature.TryParse(packet.AsSpan(offset, length));
        if (signature is null || key.V6 is null || key.V6.Algorithm != info.PublicKeyAlgorithm)
        {
            return null;
        }

        var hash = signature.StartHash();
        return hash is null ? null : new V6SignatureCheck(name, tag, info, signature, key, hash);
    }

    public override void Append(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);

    public override RpmCheck Complete()
    {
        var ok = _signature.Finish(_hash, _key.V6!);
        return new RpmCheck(RpmCheckKind.Signature, _name, _tag, ok ? RpmCheckResult.Ok : RpmCheckResult.Bad)
        {
            Signature = _info,
            KeyFingerprint = _key.FingerprintHex,
            Detail = ok ? null : $"signature does not verify with key {_key.KeyIdHex} from '{_key.Source}'",
        };
    }

    public override void Dispose()
    {
        _hash.Dispose();
        base.Dispose();
    }
}
