using System.CommandLine;
using Basalt.Rpm.Format;
using Basalt.Rpm.Query;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm query --queryformat FMT FILE…</c>: rpm's query format language, printing exactly the bytes
/// <c>rpm -qp --nosignature --nodigest --qf FMT FILE…</c> prints.
/// </summary>
internal static class QueryCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "RPM package files.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--queryformat", "--qf")
        {
            Description = "rpm query format, e.g. '%{NAME}-%{VERSION}\\n' or '[%{FILENAMES}\\n]'.",
            Required = true,
        };
        var command = new Command("query", "Print package tags with an rpm query format (as rpm -qp --qf).");
        command.Arguments.Add(files);
        command.Options.Add(format);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var formatter = RpmQueryFormatter.Compile(parseResult.GetValue(format)!);
            var failed = false;
            foreach (var file in parseResult.GetValue(files)!)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var package = RpmPackageHeaders.Read(file);
                byte[] output;
                try
                {
                    output = formatter.Render(package);
                }
                catch (InvalidDataException exception)
                {
                    // Like rpm, a package that cannot be rendered prints nothing and the others still print.
                    await context.Error.WriteLineAsync($"basalt: error: '{file}': {exception.Message}").ConfigureAwait(false);
                    failed = true;
                    continue;
                }

                await context.StandardOutput.WriteAsync(output, cancellationToken).ConfigureAwait(false);
            }

            await context.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}
