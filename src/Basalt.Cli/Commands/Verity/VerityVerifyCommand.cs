using System.CommandLine;
using Basalt.Imaging.Verity;

namespace Basalt.Cli.Commands.Verity;

/// <summary>
/// <c>basalt verity verify DATA HASH ROOTHASH</c>: exit 0 when data, hash tree and root hash agree; exit 1
/// naming the first corrupted data block or hash block otherwise (as <c>veritysetup verify</c>).
/// </summary>
internal static class VerityVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "Data file." };
        var hash = new Argument<string>("HASH") { Description = "Hash file written by format (or veritysetup format)." };
        var root = new Argument<string>("ROOTHASH") { Description = "Trusted root hash, 64 hex digits." };
        var hashOffset = new Option<long>("--hash-offset") { Description = "Byte offset of the superblock in HASH." };
        var command = new Command("verify", "Check data against a dm-verity hash tree and root hash.");
        command.Arguments.Add(data);
        command.Arguments.Add(hash);
        command.Arguments.Add(root);
        command.Options.Add(hashOffset);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var rootText = parseResult.GetValue(root)!;
            if (rootText.Length != 64 || !rootText.All(char.IsAsciiHexDigit))
            {
                throw new ArgumentException($"Root hash '{rootText}' is not 64 hex digits.");
            }

            var result = await VerityVerifier.VerifyAsync(parseResult.GetValue(data)!, parseResult.GetValue(hash)!,
                Convert.FromHexString(rootText), parseResult.GetValue(hashOffset), cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                await context.Error.WriteLineAsync($"basalt: verification failed: {result.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await context.Out.WriteLineAsync("Verification succeeded.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
