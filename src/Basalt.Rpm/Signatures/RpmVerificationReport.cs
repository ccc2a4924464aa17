namespace Basalt.Rpm.Signatures;

/// <summary>Every digest, size and signature check of one package, in the order rpm reports them.</summary>
public sealed class RpmVerificationReport
{
    internal RpmVerificationReport(string source, IReadOnlyList<RpmCheck> checks, IReadOnlyList<string> warnings)
    {
        Source = source;
        Checks = checks;
        Warnings = warnings;
    }

    public string Source { get; }

    public IReadOnlyList<RpmCheck> Checks { get; }

    /// <summary>Things worth saying that are not verdicts (e.g. a PAYLOADCOMPRESSOR tag that disagrees with the magic).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public IEnumerable<RpmCheck> Digests => Checks.Where(c => c.Kind != RpmCheckKind.Signature);

    public IEnumerable<RpmCheck> Signatures => Checks.Where(c => c.Kind == RpmCheckKind.Signature);

    /// <summary>
    /// True when no digest or size is BAD and at least one digest was checked (an unsupported digest algorithm neither
    /// passes nor fails, as in rpm).
    /// </summary>
    public bool DigestsOk => Digests.All(c => c.Result is RpmCheckResult.Ok or RpmCheckResult.Unsupported)
        && Digests.Any(c => c.Kind == RpmCheckKind.Digest && c.Result == RpmCheckResult.Ok);

    /// <summary>True when no signature is BAD (a missing key or an unsupported algorithm is not a failure here).</summary>
    public bool NoBadSignature => Signatures.All(c => c.Result != RpmCheckResult.Bad);

    /// <summary>True when at least one signature verified with a key of the keyring.</summary>
    public bool SignatureVerified => Signatures.Any(c => c.Result == RpmCheckResult.Ok);

    /// <summary>The overall verdict: digests right, no bad signature, and (when required) one good signature.</summary>
    public bool Passed(bool requireSignature) => DigestsOk && NoBadSignature && (!requireSignature || SignatureVerified);
}
