namespace Basalt.Trust.Signing;

/// <summary>
/// Signing with a key Basalt never sees (HSM, cloud KMS, an offline machine), in three steps:
/// <list type="number">
/// <item>export: <see cref="WriteRequests"/> writes, per request, <c>PURPOSE.request.json</c> (the
/// <see cref="SigningRequest"/>) and <c>PURPOSE.message</c> (the raw bytes to sign, for tools that sign a file);</item>
/// <item>sign elsewhere: put the raw signature of each <c>PURPOSE.message</c> in <c>PURPOSE.sig</c> (Ed25519: the
/// 64 bytes; ECDSA P-256: DER, as <c>openssl pkeyutl -sign -rawin</c> / <c>openssl dgst -sha256 -sign</c> write them);</item>
/// <item>import: <see cref="ReadSignatures"/> gives an <see cref="ISigner"/> that answers each exported message with its
/// imported signature, so the second run produces the same envelopes as signing in-process would.</item>
/// </list>
/// The build is deterministic, so the second run asks for exactly the messages the first exported.
/// </summary>
public static class DetachedSigning
{
    public const string RequestSuffix = ".request.json";
    public const string MessageSuffix = ".message";
    public const string SignatureSuffix = ".sig";

    /// <summary>Signatures are tens of bytes; a larger .sig file is not one.</summary>
    private const long MaxSignatureBytes = 16 * 1024;

    /// <summary>Writes each request's JSON and raw message into <paramref name="folder"/> (created if missing).</summary>
    public static void WriteRequests(string folder, IEnumerable<SigningRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests.ToList();
        CheckUnique(list);
        Directory.CreateDirectory(folder);
        foreach (var request in list)
        {
            File.WriteAllBytes(Path.Combine(folder, request.Purpose + RequestSuffix), request.ToJson());
            File.WriteAllBytes(Path.Combine(folder, request.Purpose + MessageSuffix), request.Message);
        }
    }

    /// <summary>Reads every <c>*.request.json</c> in <paramref name="folder"/>, sorted by purpose.</summary>
    public static IReadOnlyList<SigningRequest> ReadRequests(string folder)
    {
        var files = Directory.GetFiles(folder, "*" + RequestSuffix);
        Array.Sort(files, StringComparer.Ordinal);
        var requests = new List<SigningRequest>();
        foreach (var file in files)
        {
            var request = SigningRequest.Parse(File.ReadAllBytes(file), file);
            if (!string.Equals(Path.GetFileName(file), request.Purpose + RequestSuffix, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Signing request '{file}' is for '{request.Purpose}', which does not match its file name.");
            }

            requests.Add(request);
        }

        return requests;
    }

    /// <summary>
    /// Reads the requests and their <c>PURPOSE.sig</c> signatures from <paramref name="folder"/> into a signer. With a
    /// <paramref name="verifier"/>, each signature is checked now, so a wrong key or a swapped file fails at import,
    /// naming its purpose. A missing signature fails only when that message is asked for.
    /// </summary>
    public static ImportedSigner ReadSignatures(string folder, IVerifier? verifier = null)
    {
        var requests = ReadRequests(folder);
        if (requests.Count == 0)
        {
            throw new InvalidDataException($"'{folder}' holds no signing requests ('*{RequestSuffix}').");
        }

        var signatures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var path = Path.Combine(folder, request.Purpose + SignatureSuffix);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            if (info.Length is 0 or > MaxSignatureBytes)
            {
                throw new InvalidDataException($"Signature '{path}' is {info.Length} bytes; expected a raw signature (1 to {MaxSignatureBytes}).");
            }

            var signature = File.ReadAllBytes(path);
            if (verifier is not null && !verifier.Verify(request.Message, signature))
            {
                throw new BasaltException($"The imported signature for '{request.Purpose}' ('{path}') does not verify with key {verifier.KeyId}.");
            }

            signatures[request.Purpose] = signature;
        }

        return new ImportedSigner(requests, signatures, folder);
    }

    internal static void CheckUnique(IReadOnlyList<SigningRequest> requests)
    {
        var purposes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            CheckPurpose(request.Purpose);
            if (!purposes.Add(request.Purpose))
            {
                throw new ArgumentException($"Two signing requests have the purpose '{request.Purpose}'.", nameof(requests));
            }
        }

        if (requests.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new ArgumentException("Signing requests for one build must all name the same key.", nameof(requests));
        }
    }

    /// <summary>A purpose becomes a file name: letters, digits, '.', '_', '-', not starting with '.'.</summary>
    internal static void CheckPurpose(string? purpose, string? name = null)
    {
        if (string.IsNullOrEmpty(purpose) || purpose.Length > 100 || purpose[0] == '.'
            || !purpose.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            var where = name is null ? "" : $" in '{name}'";
            throw new InvalidDataException($"Signing purpose '{purpose}'{where} must be 1-100 letters, digits, '.', '_' or '-', not starting with '.'.");
        }
    }
}
