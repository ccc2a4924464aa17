using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// One OpenPGP signature over a header (or header and payload), verified while the data streams past. Creation picks
/// the key by issuer fingerprint or key ID; whatever cannot be verified (no key, an algorithm or packet version the
/// library lacks) becomes a <see cref="FixedCheck"/> with the reason.
/// </summary>
internal sealed class SignatureCheck : StreamingCheck
{
    private readonly string _name;
    private readonly int _tag;
    private readonly OpenPgpSignatureInfo _info;
    private readonly List<(OpenPgpKey Key, PgpSignature Signature)> _attempts;

    private SignatureCheck(string name, int tag, OpenPgpSignatureInfo info, List<(OpenPgpKey Key, PgpSignature Signature)> attempts)
    {
        _name = name;
        _tag = tag;
        _info = info;
        _attempts = attempts;
    }

    /// <summary>Prepares the check of <paramref name="packet"/> (one signature packet) from signature tag <paramref name="tag"/>.</summary>
    /// <param name="headerOnly">True for signatures over the header alone, named "Header …" as rpm does.</param>
    public static StreamingCheck Create(byte[] packet, int tag, bool headerOnly, OpenPgpKeyring? keyring, string source)
    {
        var prefix = headerOnly ? "Header " : "";
        OpenPgpSignatureInfo info;
        try
        {
            info = OpenPgpSignatureInfo.Parse(packet, $"'{source}' signature tag {tag}", out _);
        }
        catch (InvalidDataException ex)
        {
            return new FixedCheck(new RpmCheck(RpmCheckKind.Signature, $"{prefix}OpenPGP signature (tag {tag})", tag, RpmCheckResult.Bad)
            {
                Detail = ex.Message,
            });
        }

        var name = $"{prefix}V{info.Version} {info.AlgorithmName}/{info.HashName} Signature, key ID {info.KeyIdHex ?? "(none)"}";
        RpmCheck Fixed(RpmCheckResult result, string detail, OpenPgpKey? key = null) => new(RpmCheckKind.Signature, name, tag, result)
        {
            Signature = info,
            Detail = detail,
            KeyFingerprint = key?.FingerprintHex,
        };

        if (info.Version == 6)
        {
            return CreateV6(packet, tag, name, info, keyring, source);
        }

        // Parse the packet with the library first: what it cannot read it cannot verify either.
        try
        {
            _ = ParseWithLibrary(packet);
        }
        catch (Exception ex) when (OpenPgpKeyring.IsLibraryFailure(ex))
        {
            return new FixedCheck(Fixed(RpmCheckResult.Unsupported, $"the OpenPGP library cannot read this signature: {ex.Message}"));
        }

        var candidates = FindKeys(keyring, info);
        if (candidates.Count == 0)
        {
            return new FixedCheck(Fixed(RpmCheckResult.NoKey, keyring is null ? "no keyring given" : "no key in the keyring made it"));
        }

        var usable = candidates.Where(k => k.UnusableReason is null && k.Key is not null).ToList();
        if (usable.Count == 0)
        {
            return new FixedCheck(Fixed(RpmCheckResult.NoKey, $"key {candidates[0].KeyIdHex} from '{candidates[0].Source}': {candidates[0].UnusableReason ?? "a version 6 key cannot verify this older signature"}", candidates[0]));
        }

        // Key IDs can collide (rpm's keyidcollision fixtures): try every usable key with that ID.
        var attempts = new List<(OpenPgpKey, PgpSignature)>();
        foreach (var key in usable)
        {
            try
            {
                var signature = ParseWithLibrary(packet);
                signature.InitVerify(key.Key!);
                attempts.Add((key, signature));
            }
            catch (Exception ex) when (OpenPgpKeyring.IsLibraryFailure(ex))
            {
                if (usable.Count == 1)
                {
                    return new FixedCheck(Fixed(RpmCheckResult.Unsupported, $"the OpenPGP library cannot verify it: {ex.Message}", key));
                }
            }
        }

        return attempts.Count == 0
            ? new FixedCheck(Fixed(RpmCheckResult.Unsupported, "the OpenPGP library cannot verify it with any candidate key"))
            : new SignatureCheck(name, tag, info, attempts);
    }

    public override void Append(byte[] buffer, int offset, int count)
    {
        foreach (var (_, signature) in _attempts)
        {
            signature.Update(buffer, offset, count);
        }
    }

    public override RpmCheck Complete()
    {
        string? detail = null;
        foreach (var (key, signature) in _attempts)
        {
            try
            {
                if (signature.Verify())
                {
                    return new RpmCheck(RpmCheckKind.Signature, _name, _tag, RpmCheckResult.Ok) { Signature = _info, KeyFingerprint = key.FingerprintHex };
                }
            }
            catch (Exception ex) when (OpenPgpKeyring.IsLibraryFailure(ex))
            {
                detail = ex.Message;
            }
        }

        var first = _attempts[0].Key;
        return new RpmCheck(RpmCheckKind.Signature, _name, _tag, RpmCheckResult.Bad)
        {
            Signature = _info,
            KeyFingerprint = first.FingerprintHex,
            Detail = detail ?? $"signature does not verify with key {first.KeyIdHex} from '{first.Source}'",
        };
    }

    /// <summary>Version 6 signatures (RFC 9580): Ed25519 and RSA are verified by Basalt; other algorithms are unsupported.</summary>
    private static StreamingCheck CreateV6(byte[] packet, int tag, string name, OpenPgpSignatureInfo info, OpenPgpKeyring? keyring, string source)
    {
        RpmCheck Fixed(RpmCheckResult result, string detail, OpenPgpKey? key = null) => new(RpmCheckKind.Signature, name, tag, result)
        {
            Signature = info,
            Detail = detail,
            KeyFingerprint = key?.FingerprintHex,
        };

        if (info.PublicKeyAlgorithm is not (OpenPgpAlgorithms.Ed25519 or OpenPgpAlgorithms.Rsa))
        {
            return new FixedCheck(Fixed(RpmCheckResult.Unsupported, $"version 6 {info.AlgorithmName} signatures are not supported (only Ed25519 and RSA)"));
        }

        var candidates = FindKeys(keyring, info);
        if (candidates.Count == 0)
        {
            return new FixedCheck(Fixed(RpmCheckResult.NoKey, keyring is null ? "no keyring given" : "no key in the keyring made it"));
        }

        var key = candidates.FirstOrDefault(k => k.UnusableReason is null && k.V6 is not null);
        if (key is null)
        {
            return new FixedCheck(Fixed(RpmCheckResult.NoKey, $"key {candidates[0].KeyIdHex} from '{candidates[0].Source}': {candidates[0].UnusableReason ?? "not a version 6 key"}", candidates[0]));
        }

        return (StreamingCheck?)V6SignatureCheck.TryCreate(packet, name, tag, info, key, $"'{source}' signature tag {tag}")
            ?? new FixedCheck(Fixed(RpmCheckResult.Unsupported, $"hash algorithm {info.HashName} or the packet layout is not supported", key));
    }

    private static PgpSignature ParseWithLibrary(byte[] packet) => new PgpObjectFactory(packet).NextPgpObject() switch
    {
        PgpSignatureList { Count: > 0 } list => list[0],
        _ => throw new PgpException("not a signature packet"),
    };

    private static List<OpenPgpKey> FindKeys(OpenPgpKeyring? keyring, OpenPgpSignatureInfo info)
    {
        if (keyring is null)
        {
            return [];
        }

        if (info.IssuerFingerprint is { } fingerprint && keyring.FindByFingerprint(fingerprint) is { } exact)
        {
            return [exact];
        }

        return info.KeyId is { } id ? keyring.Find(id).ToList() : [];
    }
}
