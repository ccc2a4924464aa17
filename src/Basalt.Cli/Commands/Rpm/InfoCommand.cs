using System.CommandLine;
using System.Text.Json;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Query;

namespace Basalt.Cli.Commands.Rpm;

/// <summary><c>basalt rpm info FILE… [--json]</c>: the summary <c>rpm -qip</c> prints, or the typed view as JSON.</summary>
internal static class InfoCommand
{
    /// <summary>The layout of rpm 4.18's --info query (its rpmpopt alias), so the text matches rpm -qip byte for byte.</summary>
    internal const string InfoFormat =
        "Name        : %{NAME}\\n" +
        "%|EPOCH?{Epoch       : %{EPOCH}\\n}|" +
        "Version     : %{VERSION}\\n" +
        "Release     : %{RELEASE}\\n" +
        "%|DISTTAG?{DistTag     : %{DISTTAG}\\n}|" +
        "Architecture: %{ARCH}\\n" +
        "Install Date: %|INSTALLTIME?{%{INSTALLTIME:date}}:{(not installed)}|\\n" +
        "Group       : %{GROUP}\\n" +
        "Size        : %{LONGSIZE}\\n" +
        "%|LICENSE?{License     : %{LICENSE}}|\\n" +
        "Signature   : %|DSAHEADER?{%{DSAHEADER:pgpsig}}:{%|RSAHEADER?{%{RSAHEADER:pgpsig}}:{%|SIGGPG?{%{SIGGPG:pgpsig}}:{%|SIGPGP?{%{SIGPGP:pgpsig}}:{(none)}|}|}|}|\\n" +
        "Source RPM  : %{SOURCERPM}\\n" +
        "Build Date  : %{BUILDTIME:date}\\n" +
        "Build Host  : %{BUILDHOST}\\n" +
        "%|PREFIXES?{Relocations : [%{PREFIXES} ]\\n}|" +
        "%|PACKAGER?{Packager    : %{PACKAGER}\\n}|" +
        "%|VENDOR?{Vendor      : %{VENDOR}\\n}|" +
        "%|URL?{URL         : %{URL}\\n}|" +
        "%|BUGURL?{Bug URL     : %{BUGURL}\\n}|" +
        "Summary     : %{SUMMARY}\\n" +
        "Description :\\n%{DESCRIPTION}\\n";

    private static readonly Lazy<RpmQueryFormatter> Info = new(() => RpmQueryFormatter.Compile(InfoFormat));

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "RPM package files.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array with one object per package (the typed view)." };
        var command = new Command("info", "Show a package summary (as rpm -qip).");
        command.Arguments.Add(files);
        command.Options.Add(json);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var paths = parseResult.GetValue(files)!;
            if (!parseResult.GetValue(json))
            {
                foreach (var path in paths)
                {
                    var text = Info.Value.Render(RpmPackageHeaders.Read(path));
                    await context.StandardOutput.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                }

                await context.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            using var writer = new Utf8JsonWriter(context.StandardOutput, new JsonWriterOptions { Indented = true });
            writer.WriteStartArray();
            foreach (var path in paths)
            {
                RpmPackageInfoJson.WritePackage(writer, path, RpmPackageInfo.Read(path));
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await context.StandardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
