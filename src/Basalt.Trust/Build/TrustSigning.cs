using Basalt.Trust.Signing;

namespace Basalt.Trust.Build;

/// <summary>
/// How a build's provenance and SHA256SUMS get signed: not at all, by a key Basalt holds (or signatures imported from
/// an external signer, an <see cref="ImportedSigner"/>), or not yet — the messages exported as signing requests for an
/// HSM or cloud key service, to be imported by a second, identical build.
/// </summary>
public sealed record TrustSigning
{
    private TrustSigning(ISigner? signer, string? keyId, string? exportFolder)
    {
        Signer = signer;
        KeyId = keyId;
        ExportFolder = exportFolder;
    }

    public static TrustSigning None { get; } = new(null, null, null);

    public ISigner? Signer { get; }

    /// <summary>The key the signatures are (or will be) made with; null when nothing is signed.</summary>
    public string? KeyId { get; }

    /// <summary>Where signing requests are written instead of signing; null when signing now.</summary>
    public string? ExportFolder { get; }

    public static TrustSigning With(ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new(signer, signer.KeyId, null);
    }

    public static TrustSigning Export(string keyId, string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return new(null, keyId, folder);
    }
}
