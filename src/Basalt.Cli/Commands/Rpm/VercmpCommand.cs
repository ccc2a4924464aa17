using System.CommandLine;
using System.Globalization;
using System.Text;
using Basalt.Packaging;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm vercmp A B</c> and <c>basalt rpm vercmp --stdin</c>: compare "[epoch:]version[-release]" strings
/// the way rpm does (python's rpm.labelCompare) and print -1, 0 or 1.
/// </summary>
internal static class VercmpCommand
{
    // Results are written in batches: one write (and flush) per line would dominate the run time of large inputs.
    private const int BatchLines = 4096;

    public static Command Create(CliContext context)
    {
        var first = new Argument<string?>("A") { Description = "First EVR, \"[epoch:]version[-release]\".", Arity = ArgumentArity.ZeroOrOne };
        var second = new Argument<string?>("B") { Description = "Second EVR.", Arity = ArgumentArity.ZeroOrOne };
        var stdin = new Option<bool>("--stdin")
        {
            Description = "Read one whitespace-separated \"A B\" pair per line from standard input; print one result per line.",
        };
        var command = new Command("vercmp", "Compare two EVRs as rpm does; print -1 (A older), 0 (equal) or 1 (A newer).");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        command.Options.Add(stdin);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            string? a = parseResult.GetValue(first);
            string? b = parseResult.GetValue(second);
            if (parseResult.GetValue(stdin))
            {
                if (a is not null)
                {
                    throw new ArgumentException("vercmp: give either two EVRs or --stdin, not both.");
                }

                using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
                await CompareLinesAsync(reader, context.Out, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (a is null || b is null)
            {
                throw new ArgumentException("vercmp: expected two EVRs A and B (or --stdin).");
            }

            await context.Out.WriteLineAsync(Compare(a, b)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Compares each line's pair; a line without exactly two fields stops with its 1-based line number.</summary>
    internal static async Task CompareLinesAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var batch = new StringBuilder();
        int lineNumber = 0, pending = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
            {
                await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                throw new InvalidDataException(
                    $"vercmp: standard input line {lineNumber}: expected two whitespace-separated EVRs, found {fields.Length} field(s) in \"{line}\".");
            }

            string result;
            try
            {
                result = Compare(fields[0], fields[1]);
            }
            catch (FormatException ex)
            {
                await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                throw new InvalidDataException($"vercmp: standard input line {lineNumber}: {ex.Message}", ex);
            }

            batch.Append(result).Append('\n');
            if (++pending == BatchLines)
            {
                await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                pending = 0;
            }
        }

        await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private static string Compare(string a, string b)
        => Evr.Compare(Evr.Parse(a), Evr.Parse(b)).ToString(CultureInfo.InvariantCulture);
}
