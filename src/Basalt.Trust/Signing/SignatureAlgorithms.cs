namespace Basalt.Trust.Signing;

/// <summary>The values of <see cref="ISigner.Algorithm"/>: TUF's scheme names (TUF specification §4.2, "keytype"/"scheme").</summary>
public static class SignatureAlgorithms
{
    public const string Ed25519 = "ed25519";

    public const string EcdsaP256Sha256 = "ecdsa-sha2-nistp256";
}
