using System.CommandLine;
using Basalt.Trust.Keys;
using Basalt.Trust.Verification;

namespace Basalt.Cli.Commands.Trust;

/// <summary>
/// <c>basalt verify DIR|ARTEFACT --key NAME.pub</c>: checks a signed build's output folder (or the folder of the artefact
/// given) and prints each check; exit 0 when all hold, 1 naming the first that does not, 2 for unreadable input.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("DIR|ARTEFACT") { Description = "A build's output folder, or one artefact in it (the whole folder is checked)." };
        var key = new Option<string>("--key") { Description = "The public key (NAME.pub from `basalt key generate`) the build was signed with.", Required = true };
        var command = new Command("verify", "Check a signed build: signatures, digests, SBOMs, provenance, lockfile and COSI agree.") { target, key };
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(target)!;
            var directory = Directory.Exists(path) ? path : File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))!
                : throw new FileNotFoundException($"'{path}' does not exist.", path);
            var verifier = SigningKeyFiles.LoadPublic(parseResult.GetValue(key)!);
            var checks = ImageVerifier.Verify(directory, verifier, cancellationToken);
            foreach (var check in checks)
            {
                await context.Out.WriteLineAsync(check.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            var failure = checks.FirstOrDefault(c => !c.Passed);
            if (failure is not null)
            {
                await context.Error.WriteLineAsync($"basalt: verification failed: {failure.Name}: {failure.Detail}".AsMemory(), cancellationToken)
                    .ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await context.Out.WriteLineAsync($"{checks.Count} checks passed".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
