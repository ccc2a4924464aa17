using System.CommandLine;
using System.Text.Json;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Query;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm deps FILE [--json]</c>: requires, provides, conflicts, obsoletes and the weak dependencies, each
/// printed as rpm's <c>-qRp</c>, <c>--provides</c>, … print them ("name &gt;= 1.0-1").
/// </summary>
internal static class DepsCommand
{
    /// <summary>One section per non-empty dependency set, its lines exactly as rpm's --requires etc. aliases print them.</summary>
    internal const string DepsFormat =
        "%|REQUIRENAME?{Requires:\\n[  %{REQUIRENEVRS}\\n]}|" +
        "%|PROVIDENAME?{Provides:\\n[  %{PROVIDENEVRS}\\n]}|" +
        "%|CONFLICTNAME?{Conflicts:\\n[  %{CONFLICTNEVRS}\\n]}|" +
        "%|OBSOLETENAME?{Obsoletes:\\n[  %{OBSOLETENEVRS}\\n]}|" +
        "%|RECOMMENDNAME?{Recommends:\\n[  %{RECOMMENDNEVRS}\\n]}|" +
        "%|SUGGESTNAME?{Suggests:\\n[  %{SUGGESTNEVRS}\\n]}|" +
        "%|SUPPLEMENTNAME?{Supplements:\\n[  %{SUPPLEMENTNEVRS}\\n]}|" +
        "%|ENHANCENAME?{Enhances:\\n[  %{ENHANCENEVRS}\\n]}|";

    private static readonly Lazy<RpmQueryFormatter> Deps = new(() => RpmQueryFormatter.Compile(DepsFormat));

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "An RPM package file." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object with one array per dependency kind." };
        var command = new Command("deps", "List a package's dependencies with their flags.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            var headers = RpmPackageHeaders.Read(path);
            if (!parseResult.GetValue(json))
            {
                await context.StandardOutput.WriteAsync(Deps.Value.Render(headers), cancellationToken).ConfigureAwait(false);
                await context.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var info = RpmPackageInfo.FromHeader(headers.Header);
            using var writer = new Utf8JsonWriter(context.StandardOutput, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("nevra", info.Nevra.ToString());
            RpmPackageInfoJson.WriteDependencySets(writer, info);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await context.StandardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
