using System.CommandLine;
using Basalt.Imaging.Pe;

namespace Basalt.Cli.Commands.Build;

/// <summary>
/// --secure-boot-key, --secure-boot-cert and --secure-boot-passphrase-env, shared by <c>build</c> and <c>rebuild</c>:
/// a rebuild of a signed boot chain needs the same key to reproduce the same (deterministic) signatures.
/// </summary>
internal sealed class SecureBootOptions
{
    private readonly Option<string?> _key = new("--secure-boot-key")
    {
        Description = "Authenticode-sign the boot loader and the UKI with this PEM private key (RSA; PKCS#8, optionally encrypted). Needs --secure-boot-cert.",
    };

    private readonly Option<string?> _certificate = new("--secure-boot-cert") { Description = "The PEM certificate of --secure-boot-key (enrolled in the firmware's db)." };

    private readonly Option<string?> _passphrase = new("--secure-boot-passphrase-env") { Description = "Environment variable holding --secure-boot-key's passphrase." };

    public void AddTo(Command command)
    {
        command.Options.Add(_key);
        command.Options.Add(_certificate);
        command.Options.Add(_passphrase);
    }

    /// <summary>The signer, loaded before any work starts so that a wrong key or passphrase fails at once; null when not asked for.</summary>
    public AuthenticodeSigner? Load(ParseResult parseResult)
    {
        var keyPath = parseResult.GetValue(_key);
        var certificatePath = parseResult.GetValue(_certificate);
        var passphraseVariable = parseResult.GetValue(_passphrase);
        if (keyPath is null && certificatePath is null)
        {
            return passphraseVariable is null ? null : throw new ArgumentException("--secure-boot-passphrase-env needs --secure-boot-key.");
        }

        if (keyPath is null || certificatePath is null)
        {
            throw new ArgumentException("--secure-boot-key and --secure-boot-cert go together: the key signs, the certificate names the signer.");
        }

        return AuthenticodeSigner.LoadPem(certificatePath, keyPath, PassphraseEnvironment.Read(passphraseVariable, "--secure-boot-passphrase-env"));
    }
}
