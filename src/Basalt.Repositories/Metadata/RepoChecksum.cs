using System.Security.Cryptography;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// A digest as rpm-md writes it: <c>&lt;checksum type="sha256"&gt;hex&lt;/checksum&gt;</c>. The type names are
/// createrepo_c's ("sha" is yum's old name for SHA-1).
/// </summary>
/// <param name="Type">The type attribute as written ("sha256", "sha1", "sha", "sha512", "md5", …).</param>
/// <param name="Hex">The digest in hexadecimal (compared case-insensitively).</param>
public sealed record RepoChecksum(string Type, string Hex)
{
    /// <summary>The hash algorithm of <see cref="Type"/>.</summary>
    /// <exception cref="InvalidDataException">The type is not one rpm-md uses or .NET cannot compute.</exception>
    public HashAlgorithmName Algorithm => AlgorithmOf(Type);

    /// <summary>Creates an incremental hash of this checksum's algorithm.</summary>
    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm);

    /// <summary>True when <paramref name="digest"/> equals this checksum's value.</summary>
    public bool Matches(ReadOnlySpan<byte> digest) => string.Equals(Convert.ToHexStringLower(digest), Hex, StringComparison.OrdinalIgnoreCase);

    /// <summary>Prints "type:hex", the form a lockfile and <c>PackageCandidate.Checksum</c> use.</summary>
    public override string ToString() => Type + ":" + Hex;

    /// <summary>The algorithm for an rpm-md checksum type name.</summary>
    public static HashAlgorithmName AlgorithmOf(string type) => type.ToUpperInvariant() switch
    {
        "SHA256" => HashAlgorithmName.SHA256,
        "SHA512" => HashAlgorithmName.SHA512,
        "SHA384" => HashAlgorithmName.SHA384,
        "SHA1" or "SHA" => HashAlgorithmName.SHA1,
        "MD5" => HashAlgorithmName.MD5,
        _ => throw new InvalidDataException($"Checksum type \"{type}\" is not supported (expected sha256, sha512, sha384, sha1 or md5)."),
    };

    /// <summary>The expected digest length in hex characters for <paramref name="type"/>.</summary>
    public static int HexLength(string type) => AlgorithmOf(type).Name switch
    {
        "SHA256" => 64,
        "SHA512" => 128,
        "SHA384" => 96,
        "SHA1" => 40,
        _ => 32,
    };
}
