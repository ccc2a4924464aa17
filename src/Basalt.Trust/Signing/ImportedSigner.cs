namespace Basalt.Trust.Signing;

/// <summary>
/// The signer of the import step (<see cref="DetachedSigning.ReadSignatures"/>): it signs nothing itself but returns
/// the signature imported for the request whose message is exactly the one asked for.
/// </summary>
public sealed class ImportedSigner : ISigner
{
    private readonly IReadOnlyList<SigningRequest> _requests;
    private readonly IReadOnlyDictionary<string, byte[]> _signatures;
    private readonly string _source;

    /// <param name="signatures">By purpose; requests without one fail when asked for.</param>
    /// <param name="source">Where the signatures came from, for errors.</param>
    public ImportedSigner(IReadOnlyList<SigningRequest> requests, IReadOnlyDictionary<string, byte[]> signatures, string source, string? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(signatures);
        if (requests.Count == 0)
        {
            throw new ArgumentException("An imported signer needs at least one request.", nameof(requests));
        }

        DetachedSigning.CheckUnique(requests);
        _requests = requests;
        _signatures = signatures;
        _source = source;
        KeyId = requests[0].KeyId;
        Algorithm = algorithm ?? "external";
    }

    public string KeyId { get; }

    /// <summary>What the caller said the external key is; "external" when unknown (the key file never reaches Basalt).</summary>
    public string Algorithm { get; }

    /// <summary>The purposes that have a signature.</summary>
    public IReadOnlyCollection<string> SignedPurposes => [.. _signatures.Keys.Order(StringComparer.Ordinal)];

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        foreach (var request in _requests)
        {
            if (message.SequenceEqual(request.Message))
            {
                return _signatures.TryGetValue(request.Purpose, out var signature)
                    ? (byte[])signature.Clone()
                    : throw new BasaltException(
                        $"No signature was imported for '{request.Purpose}': expected '{Path.Combine(_source, request.Purpose + DetachedSigning.SignatureSuffix)}'.");
            }
        }

        var purposes = string.Join(", ", _requests.Select(r => $"'{r.Purpose}'"));
        throw new BasaltException(
            $"The build asked to sign a message that was not exported from '{_source}' (exported: {purposes}); the inputs changed since the export, so export and sign again.");
    }
}
