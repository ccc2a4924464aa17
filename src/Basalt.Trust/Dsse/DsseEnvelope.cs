using System.Globalization;
using System.Text;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Dsse;

/// <summary>
/// A DSSE envelope (DSSE v1.0.2, envelope.md and protocol.md): a payload, its type, and signatures over
/// PAE(type, payload). <see cref="Payload"/> is exactly the verified bytes: callers must read the statement from it,
/// never re-parse the envelope after verification (protocol.md, "Important").
/// </summary>
public sealed partial record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    private static readonly byte[] PaePrefix = "DSSEv1 "u8.ToArray();

    /// <summary>
    /// The Pre-Authentication Encoding (protocol.md, "Signature Definition"):
    /// "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where LEN is the decimal byte length with no leading zeros
    /// and type is UTF-8.
    /// </summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var typeLength = Encoding.ASCII.GetBytes(type.Length.ToString(CultureInfo.InvariantCulture));
        var bodyLength = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture));
        var result = new byte[checked(PaePrefix.Length + typeLength.Length + 1 + type.Length + 1 + bodyLength.Length + 1 + payload.Length)];
        var span = result.AsSpan();
        Append(ref span, PaePrefix);
        Append(ref span, typeLength);
        Append(ref span, " "u8);
        Append(ref span, type);
        Append(ref span, " "u8);
        Append(ref span, bodyLength);
        Append(ref span, " "u8);
        Append(ref span, payload);
        return result;
    }

    /// <summary>Signs PAE(type, payload) with one key; the signature carries the signer's key id.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(Pae(payloadType, payload));
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(signer.KeyId, signature)]);
    }

    /// <summary>This envelope with one more signature over the same PAE (DSSE "Multiple signatures").</summary>
    public DsseEnvelope AddSignature(ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(Pae(PayloadType, Payload));
        return this with { Signatures = [.. Signatures, new DsseSignature(signer.KeyId, signature)] };
    }

    private static void Append(ref Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        destination = destination[bytes.Length..];
    }
}
