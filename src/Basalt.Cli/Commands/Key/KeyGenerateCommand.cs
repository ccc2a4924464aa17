using System.CommandLine;
using Basalt.Trust.Keys;

namespace Basalt.Cli.Commands.Key;

/// <summary>
/// <c>basalt key generate --out PATH/NAME [--type ecdsa-p256|ed25519] [--passphrase-env VAR]</c>: writes NAME.key
/// (PKCS#8 PEM, mode 0600, encrypted when a passphrase is given) and NAME.pub, refusing to overwrite either, and
/// prints the key id. The passphrase is read from an environment variable so it never appears in argv or shell history.
/// </summary>
internal static class KeyGenerateCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Path and name of the key pair, without extension: writes NAME.key and NAME.pub.", Required = true };
        var type = new Option<string>("--type") { Description = "Key type: ecdsa-p256 (default) or ed25519.", DefaultValueFactory = _ => "ecdsa-p256" };
        type.AcceptOnlyFromAmong("ecdsa-p256", "ed25519");
        var passphraseEnv = new Option<string?>("--passphrase-env") { Description = "Encrypt NAME.key with the passphrase in this environment variable." };
        var command = new Command("generate", "Generate a signing key pair (NAME.key and NAME.pub).");
        command.Options.Add(output);
        command.Options.Add(type);
        command.Options.Add(passphraseEnv);
        CommandAction.Set(command, context, parseResult =>
        {
            var name = parseResult.GetValue(output)!;
            var passphrase = PassphraseEnvironment.Read(parseResult.GetValue(passphraseEnv), "--passphrase-env");
            var keyType = parseResult.GetValue(type) == "ed25519" ? SigningKeyType.Ed25519 : SigningKeyType.EcdsaP256;
            var keyId = SigningKeyFiles.Generate(name, keyType, passphrase);
            context.Out.WriteLine($"key id:      {keyId}");
            context.Out.WriteLine($"private key: {Path.GetFullPath(name + SigningKeyFiles.PrivateKeyExtension)}");
            context.Out.WriteLine($"public key:  {Path.GetFullPath(name + SigningKeyFiles.PublicKeyExtension)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
