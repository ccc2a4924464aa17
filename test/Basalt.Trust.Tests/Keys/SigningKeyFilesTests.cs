using System.Security.Cryptography;
using Basalt.TestInfrastructure;
using Basalt.Trust.Keys;

namespace Basalt.Trust.Tests.Keys;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningKeyFilesTests
{
    [Theory]
    [InlineData(SigningKeyType.Ed25519, null)]
    [InlineData(SigningKeyType.Ed25519, "correct horse")]
    [InlineData(SigningKeyType.EcdsaP256, null)]
    [InlineData(SigningKeyType.EcdsaP256, "correct horse")]
    public void Generate_AnyType_WritesPemFilesWithModesAndKeyId(SigningKeyType type, string? passphrase)
    {
        using var temp = new TempDirectory();
        var keyId = SigningKeyFiles.Generate(temp.Path("release"), type, passphrase);

        var key = temp.Path("release.key");
        var pub = temp.Path("release.pub");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(pub));
        Assert.StartsWith(passphrase is null ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", File.ReadAllText(key));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", File.ReadAllText(pub));
        Assert.Equal(2, Directory.GetFiles(temp.FullPath).Length);

        Assert.Matches("^[0-9a-f]{64}$", keyId);
        Assert.Equal(keyId, SigningKeyFiles.LoadPrivate(key, passphrase).KeyId);
        Assert.Equal(keyId, SigningKeyFiles.LoadPublic(pub).KeyId);
    }

    [Theory]
    [InlineData(SigningKeyType.Ed25519, null, "ED25519 Private-Key")]
    [InlineData(SigningKeyType.Ed25519, "p4ss", "ED25519 Private-Key")]
    [InlineData(SigningKeyType.EcdsaP256, null, "NIST CURVE: P-256")]
    [InlineData(SigningKeyType.EcdsaP256, "p4ss", "NIST CURVE: P-256")]
    public void Generate_AnyType_OpenSslReadsKeyAndDerivesSamePublicKeyAndKeyId(SigningKeyType type, string? passphrase, string expected)
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var keyId = SigningKeyFiles.Generate(temp.Path("k"), type, passphrase);
        string[] pass = passphrase is null ? [] : ["-passin", "pass:" + passphrase];

        Assert.Contains(expected, OpenSsl.Ok(["pkey", "-in", temp.Path("k.key"), .. pass, "-noout", "-text"]).StandardOutput);
        Assert.Equal(File.ReadAllText(temp.Path("k.pub")), OpenSsl.Ok(["pkey", "-in", temp.Path("k.key"), .. pass, "-pubout"]).StandardOutput);
        var der = OpenSsl.Ok("pkey", "-pubin", "-in", temp.Path("k.pub"), "-outform", "DER").StandardOutputBytes;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), keyId);
    }

    [Fact]
    public void Generate_EncryptedKey_UsesPbes2Pbkdf2Sha256Aes256Cbc()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.Ed25519, "p4ss");

        var parsed = OpenSsl.Ok("asn1parse", "-in", temp.Path("k.key")).StandardOutput;

        Assert.Contains("PBES2", parsed);
        Assert.Contains("PBKDF2", parsed);
        Assert.Contains("hmacWithSHA256", parsed);
        Assert.Contains("aes-256-cbc", parsed);
    }

    [Theory]
    [InlineData("release.key")]
    [InlineData("release.pub")]
    public void Generate_FileExists_RefusesAndLeavesItUnchanged(string existing)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Path(existing), "keep me");

        var error = Assert.Throws<IOException>(() => SigningKeyFiles.Generate(temp.Path("release"), SigningKeyType.Ed25519, null));

        Assert.Contains($"'{temp.Path(existing)}' already exists", error.Message);
        Assert.Equal("keep me", File.ReadAllText(temp.Path(existing)));
        Assert.Single(Directory.GetFileSystemEntries(temp.FullPath));
    }

    [Theory]
    [InlineData(new[] { "genpkey", "-algorithm", "ed25519" }, null)]
    [InlineData(new[] { "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:s3cret" }, "s3cret")]
    [InlineData(new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256" }, null)]
    [InlineData(new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-128-cbc", "-pass", "pass:s3cret" }, "s3cret")]
    public void LoadPrivate_OpenSslKey_LoadsWithTheOpenSslKeyId(string[] generate, string? passphrase)
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var key = temp.Path("o.key");
        OpenSsl.Ok([.. generate, "-out", key]);
        string[] pass = passphrase is null ? [] : ["-passin", "pass:" + passphrase];
        var der = OpenSsl.Ok(["pkey", "-in", key, .. pass, "-pubout", "-outform", "DER"]).StandardOutputBytes;

        var signer = SigningKeyFiles.LoadPrivate(key, passphrase);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), signer.KeyId);
    }

    [Fact]
    public void LoadPublic_SigstoreManagedKey_KeyIdIsSigstorePublicKeyHint()
    {
        // sigstore's bundle "publicKey.hint" for a managed key is the SHA-256 of the SubjectPublicKeyInfo, our key id.
        var pub = Fixtures.Path("attestation/sigstore-conformance/test/assets/bundle-verify/managed-key-happy-path/key.pub");

        var verifier = SigningKeyFiles.LoadPublic(pub);

        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String("TLMsSDfG3ajPsWge+z/vX5T/zluXnmvbkTkwLIV68Tk=")), verifier.KeyId);
    }

    [Fact]
    public void LoadPrivate_WrongPassphrase_ThrowsNamingFile()
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.EcdsaP256, "right");

        var error = Assert.Throws<CryptographicException>(() => SigningKeyFiles.LoadPrivate(temp.Path("k.key"), "wrong"));

        Assert.Equal($"Cannot decrypt the signing key '{temp.Path("k.key")}': wrong passphrase.", error.Message);
    }

    [Fact]
    public void LoadPrivate_EncryptedWithoutPassphrase_ThrowsNamingFile()
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.Ed25519, "right");

        var error = Assert.Throws<CryptographicException>(() => SigningKeyFiles.LoadPrivate(temp.Path("k.key"), null));

        Assert.Equal($"The signing key '{temp.Path("k.key")}' is encrypted; a passphrase is required.", error.Message);
    }

    [Fact]
    public void LoadPrivate_P384Key_ThrowsUnsupportedCurve()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var key = temp.Path("p384.key");
        OpenSsl.Ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key);

        var error = Assert.Throws<NotSupportedException>(() => SigningKeyFiles.LoadPrivate(key, null));

        Assert.Equal($"'{key}' holds an EC key on the unsupported curve secp384r1 (1.3.132.0.34); Basalt accepts only P-256 (prime256v1).", error.Message);
    }

    [Fact]
    public void LoadPrivate_RsaKey_ThrowsUnsupportedAlgorithm()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var key = temp.Path("rsa.key");
        OpenSsl.Ok("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", key);

        var error = Assert.Throws<NotSupportedException>(() => SigningKeyFiles.LoadPrivate(key, null));

        Assert.Contains($"'{key}' holds a RSA (1.2.840.113549.1.1.1) key", error.Message);
    }

    [Fact]
    public void LoadPrivate_Sec1EcKey_ThrowsWithConversionHint()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var key = temp.Path("sec1.key");
        OpenSsl.Ok("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);

        var error = Assert.Throws<InvalidDataException>(() => SigningKeyFiles.LoadPrivate(key, null));

        Assert.StartsWith($"'{key}' holds a 'EC PRIVATE KEY' block, not PKCS#8; convert it with 'openssl pkcs8 -topk8", error.Message);
    }

    [Fact]
    public void LoadPrivate_NotAKey_ThrowsNamingFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Path("notes.txt");
        File.WriteAllText(path, "hello\n");

        var error = Assert.Throws<InvalidDataException>(() => SigningKeyFiles.LoadPrivate(path, null));

        Assert.Equal($"'{path}' is not a PEM key file: no 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY' block.", error.Message);
    }

    [Fact]
    public void LoadPrivate_PublicKeyGiven_ThrowsNamingWhatItHolds()
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.Ed25519, null);

        var error = Assert.Throws<InvalidDataException>(() => SigningKeyFiles.LoadPrivate(temp.Path("k.pub"), null));

        Assert.Equal($"'{temp.Path("k.pub")}' holds 'PUBLIC KEY' but no 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY' block.", error.Message);
    }

    [Fact]
    public void LoadPrivate_CorruptDer_ThrowsNamingFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Path("bad.key");
        File.WriteAllText(path, new string(PemEncoding.Write("PRIVATE KEY", [0x30, 0x03, 0x02, 0x01])) + "\n");

        var error = Assert.Throws<InvalidDataException>(() => SigningKeyFiles.LoadPrivate(path, null));

        Assert.StartsWith($"'{path}' is not a valid PKCS#8 private key", error.Message);
    }
}
