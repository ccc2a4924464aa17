using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Basalt.Rpm.Metadata;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm files FILE [--long] [--json]</c>: the file list as <c>rpm -qlp</c> prints it, or with
/// <c>--long</c> as <c>rpm -qlvp</c> (mode, links, owner, group, size, date, path -&gt; target).
/// </summary>
internal static class FilesCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "An RPM package file." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array with one object per file." };
        var longFormat = new Option<bool>("--long", "-l") { Description = "Long listing like rpm -qlvp." };
        var command = new Command("files", "List the files of a package (as rpm -qlp).");
        command.Arguments.Add(file);
        command.Options.Add(longFormat);
        command.Options.Add(json);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var info = RpmPackageInfo.Read(parseResult.GetValue(file)!);
            if (parseResult.GetValue(json))
            {
                using var writer = new Utf8JsonWriter(context.StandardOutput, new JsonWriterOptions { Indented = true });
                writer.WriteStartArray();
                foreach (var entry in info.Files)
                {
                    RpmPackageInfoJson.WriteFile(writer, entry);
                }

                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await context.StandardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var text = new StringBuilder();
            if (info.Files.Count == 0)
            {
                text.Append("(contains no files)\n");
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (var entry in info.Files)
            {
                text.Append(parseResult.GetValue(longFormat) ? LongLine(entry, now) : entry.Path).Append('\n');
            }

            await context.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// rpm's printFileInfo layout: "%s %4d %-8s %-8s %20s %s %s"; a directory counts one extra link and shows size 0;
    /// recent dates show the time, others the year.
    /// </summary>
    internal static string LongLine(RpmFileInfo file, long now)
    {
        var links = file.IsDirectory ? file.LinkCount + 1 : file.LinkCount;
        var size = file.IsDirectory ? 0 : file.Size;
        var date = DateTimeOffset.FromUnixTimeSeconds(file.MTime).ToLocalTime();
        // ls's rule, which rpm follows: older than 180 days, or more than an hour in the future, shows the year.
        const long SixMonths = 15552000;
        var recent = !(now - file.MTime > SixMonths || now < file.MTime - 3600);
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(date.Month);
        var when = recent
            ? string.Create(CultureInfo.InvariantCulture, $"{month} {date.Day,2} {date.Hour:00}:{date.Minute:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{month} {date.Day,2}  {date.Year}");
        var name = file.IsSymlink ? $"{file.Path} -> {file.LinkTarget}" : file.Path;
        return string.Create(CultureInfo.InvariantCulture, $"{file.PermissionString} {links,4} {file.User,-8} {file.Group,-8} {size,20} {when} {name}");
    }
}
