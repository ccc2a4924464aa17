using System.CommandLine;
using System.Security.Cryptography;
using Basalt.Imaging.Pe;

namespace Basalt.Cli.Commands.Efi;

/// <summary>
/// <c>basalt efi inspect FILE [--json]</c>: machine, subsystem, sections, a UKI's .osrel/.cmdline/.uname, the
/// Authenticode SHA-256 digest and, when signed, the signer and whether the signature matches the image.
/// </summary>
internal static class EfiInspectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "PE image: a UKI, systemd-boot, a kernel with EFI stub." };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of text." };
        var command = new Command("inspect", "Show the sections, UKI metadata and Authenticode signature of an EFI image.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        CommandAction.Set(command, context, parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var image = PeImage.Parse(EfiCommand.ReadInput(path, "PE image"), path);
            var report = new EfiReport(
                path,
                image,
                Authenticode.ComputeDigest(image, HashAlgorithmName.SHA256),
                Authenticode.ReadSignature(image));
            if (parseResult.GetValue(json))
            {
                EfiInspectJson.Write(context.StandardOutput, report);
            }
            else
            {
                EfiInspectText.Write(context.Out, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
