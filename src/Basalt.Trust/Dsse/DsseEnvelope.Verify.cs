using Basalt.Trust.Signing;

namespace Basalt.Trust.Dsse;

public sealed partial record DsseEnvelope
{
    /// <summary>True when at least <paramref name="threshold"/> signatures verify with this one key (so a threshold above 1 never holds).</summary>
    public bool Verify(IVerifier verifier, int threshold = 1)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Verify([verifier], threshold);
    }

    /// <summary>
    /// The (t, n) verification of protocol.md, "Multi-signature Verification": true when signatures by at least
    /// <paramref name="threshold"/> distinct trusted keys verify over PAE(type, payload), and, when
    /// <paramref name="supportedPayloadTypes"/> is given, the payload type is one of them.
    /// A signature that names a key id is tried only against the verifier with that id: the id is unauthenticated, so
    /// this only narrows the candidates (protocol.md allows the filter), but it also means an edited key id fails
    /// instead of passing unnoticed. A signature without a key id is tried against every verifier.
    /// </summary>
    public bool Verify(IReadOnlyList<IVerifier> verifiers, int threshold, IReadOnlyCollection<string>? supportedPayloadTypes = null)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        // Unique keys are what the threshold counts: the same key listed twice must not count twice.
        if (verifiers.Select(v => v.KeyId).Distinct(StringComparer.Ordinal).Count() != verifiers.Count)
        {
            throw new ArgumentException("Each trusted key must appear once (the key ids repeat).", nameof(verifiers));
        }

        var pae = Pae(PayloadType, Payload);
        var accepted = new HashSet<IVerifier>(ReferenceEqualityComparer.Instance);
        foreach (var signature in Signatures)
        {
            foreach (var verifier in verifiers)
            {
                if (accepted.Contains(verifier)
                    || (!string.IsNullOrEmpty(signature.KeyId) && !string.Equals(signature.KeyId, verifier.KeyId, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (verifier.Verify(pae, signature.Signature))
                {
                    accepted.Add(verifier);
                    break;
                }
            }

            if (accepted.Count >= threshold)
            {
                break;
            }
        }

        return accepted.Count >= threshold
               && (supportedPayloadTypes is null || supportedPayloadTypes.Contains(PayloadType, StringComparer.Ordinal));
    }
}
