using System.CommandLine;
using System.Security.Cryptography;
using Basalt.Imaging.Pe;

namespace Basalt.Cli.Commands.Efi;

/// <summary>
/// <c>basalt efi sign FILE -o OUT --key KEY.pem --cert CERT.pem [--passphrase-env VAR]</c>: Authenticode-signs a PE
/// image for UEFI Secure Boot (RSA, SHA-256), replacing any existing signature. The output is byte-reproducible.
/// </summary>
internal static class EfiSignCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "PE image to sign." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the signed image.", Required = true };
        var key = new Option<string>("--key") { Description = "RSA private key (PEM: PKCS#1, PKCS#8 or encrypted PKCS#8).", Required = true };
        var cert = new Option<string>("--cert") { Description = "X.509 certificate of the key (PEM).", Required = true };
        var passphraseEnv = new Option<string?>("--passphrase-env") { Description = "Environment variable holding the key's passphrase." };
        var command = new Command("sign", "Sign an EFI image with Authenticode (for UEFI Secure Boot).");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(key);
        command.Options.Add(cert);
        command.Options.Add(passphraseEnv);
        CommandAction.Set(command, context, parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var outputPath = parseResult.GetValue(output)!;
            var passphrase = PassphraseEnvironment.Read(parseResult.GetValue(passphraseEnv), "--passphrase-env");
            using var signer = AuthenticodeSigner.LoadPem(parseResult.GetValue(cert)!, parseResult.GetValue(key)!, passphrase);
            var image = PeImage.Parse(EfiCommand.ReadInput(path, "PE image"), path);
            var signed = signer.Sign(image.Data.Span);
            EfiCommand.WriteOutput(outputPath, signed);
            var digest = Authenticode.ComputeDigest(signed, HashAlgorithmName.SHA256);
            context.Out.WriteLine($"signed:       {Path.GetFullPath(outputPath)}");
            context.Out.WriteLine($"signer:       {signer.Certificate.Subject}");
            context.Out.WriteLine($"authenticode: sha256:{Convert.ToHexStringLower(digest)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
