using System.CommandLine;
using Basalt.Cli.Commands.Build;
using Basalt.Trust.Rebuild;

namespace Basalt.Cli.Commands.Trust;

/// <summary>
/// <c>basalt rebuild --check DIR</c>: builds DIR's image again from its recorded definition and lockfile in a temporary
/// folder and compares every artefact byte for byte; exit 0 identical, 1 naming each difference and where it falls.
/// </summary>
internal static class RebuildCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The output folder of an earlier `basalt build`." };
        var check = new Option<bool>("--check") { Description = "Compare the rebuild with DIR (required: rebuilding means checking).", Required = true };
        var command = new Command("rebuild", "Rebuild an image from its lockfile and check the result is byte-identical.") { directory, check };
        var secureBoot = new SecureBootOptions();
        secureBoot.AddTo(command);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetValue(directory)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"'{folder}' is not a folder.");
            }

            using var secureBootSigner = secureBoot.Load(parseResult);
            var observer = new ConsoleBuildObserver(context.Error, context.ErrorIsTerminal);
            IReadOnlyList<RebuildComparison> comparisons;
            try
            {
                comparisons = await RebuildChecker.CheckAsync(folder, secureBootSigner, observer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                observer.Finish();
            }

            foreach (var comparison in comparisons)
            {
                await context.Out.WriteLineAsync($"{(comparison.Identical ? "same" : "DIFF")} {comparison.Name}: {comparison.Detail}".AsMemory(), cancellationToken)
                    .ConfigureAwait(false);
            }

            var differing = comparisons.Count(c => !c.Identical);
            await context.Out.WriteLineAsync((differing == 0
                ? $"rebuild is byte-identical: {comparisons.Count} files"
                : $"rebuild differs in {differing} of {comparisons.Count} files").AsMemory(), cancellationToken).ConfigureAwait(false);
            return differing == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
