using System.CommandLine;
using Basalt.Imaging.Disk;

namespace Basalt.Cli.Commands.Disk;

/// <summary><c>basalt disk info IMAGE [--json]</c>: container format, GPT, partitions and the file systems in them.</summary>
internal static class DiskInfoCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("IMAGE") { Description = "A raw, VHD (fixed) or qcow2 disk image." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON." };
        var command = new Command("info", "Show a disk image's format, GPT, partitions and file systems.") { image, json };
        CommandAction.Set(command, context, parseResult =>
        {
            var path = parseResult.GetValue(image)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Disk image '{path}' does not exist.", path);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            DiskReport report;
            try
            {
                using var view = DiskFormats.Open(stream);
                report = DiskInspector.Inspect(view);
            }
            catch (InvalidDataException exception)
            {
                throw new InvalidDataException($"'{path}': {exception.Message}", exception);
            }

            if (parseResult.GetValue(json))
            {
                DiskInfoJson.Write(context.StandardOutput, path, report);
            }
            else
            {
                DiskInfoText.Write(context.Out, path, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
