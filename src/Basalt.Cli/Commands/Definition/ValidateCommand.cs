using System.CommandLine;
using System.Globalization;
using Basalt.Compose.Definition;

namespace Basalt.Cli.Commands.Definition;

/// <summary>
/// <c>basalt validate FILE</c>: checks an image definition. Exit 0 with a one-line summary when it is valid; exit 2
/// listing every error with its key path and line when it is not.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Image definition (YAML)." };
        var command = new Command("validate", "Check an image definition and list every error.");
        command.Arguments.Add(file);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;

            // A DefinitionException lists every error; CommandAction prints it and exits with 2 (bad input).
            var definition = DefinitionLoader.Load(path);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"'{path}' is valid: {definition.Name} {definition.Version} ({DefinitionNames.Of(definition.Arch)}), "
                + $"{Count(definition.Packages.Install.Count, "package", "packages")} from {Count(definition.Repositories.Count, "repository", "repositories")}, "
                + $"outputs: {string.Join(", ", definition.Outputs.Select(DefinitionNames.Of))}.");
            await context.Out.WriteLineAsync(summary.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
