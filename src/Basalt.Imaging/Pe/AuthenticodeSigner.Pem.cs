using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Basalt.Imaging.Pe;

public sealed partial class AuthenticodeSigner
{
    /// <summary>
    /// Loads a PEM certificate and its RSA private key (PKCS#1, PKCS#8, or encrypted PKCS#8 with
    /// <paramref name="passphrase"/>). Every failure names the file at fault.
    /// </summary>
    public static AuthenticodeSigner LoadPem(string certificatePath, string keyPath, string? passphrase)
    {
        using var certificate = LoadCertificate(certificatePath);
        using var key = LoadKey(keyPath, passphrase);
        X509Certificate2 combined;
        try
        {
            combined = certificate.CopyWithPrivateKey(key);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new ArgumentException($"Key '{keyPath}' does not belong to certificate '{certificatePath}': {exception.Message}", exception);
        }

        return new AuthenticodeSigner(combined, ownsCertificate: true);
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException($"Certificate file '{path}' holds no readable PEM certificate: {exception.Message}", exception);
        }
    }

    private static RSA LoadKey(string path, string? passphrase)
    {
        var text = File.ReadAllText(path);
        var encrypted = text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && passphrase is null)
        {
            throw new ArgumentException($"Key file '{path}' is encrypted; give its passphrase.");
        }

        var rsa = RSA.Create();
        try
        {
            if (encrypted)
            {
                rsa.ImportFromEncryptedPem(text, passphrase);
            }
            else
            {
                rsa.ImportFromPem(text);
            }

            return rsa;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            var hint = encrypted ? " (wrong passphrase, or not an RSA key)" : " (not an RSA private key in PEM)";
            throw new InvalidDataException($"Key file '{path}' could not be read{hint}: {exception.Message}", exception);
        }
    }
}
