using System.CommandLine;
using Basalt.Compose.Definition;

namespace Basalt.Cli.Commands.Definition;

/// <summary><c>basalt schema</c>: prints the JSON Schema (draft 2020-12) of image definitions, for editors and CI linters.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("schema", "Print the JSON Schema of image definitions.");
        CommandAction.Set(command, context, async (_, cancellationToken) =>
        {
            await context.Out.WriteAsync(DefinitionSchema.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
