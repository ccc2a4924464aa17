using System.CommandLine;
using Basalt.IO;
using Basalt.Rpm.Payload;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm extract FILE DIR</c>: extract a package's payload into DIR, checked against the header, never writing
/// outside DIR. All or nothing: the payload is extracted into a temporary sibling of DIR that is renamed into place
/// only when every entry succeeded.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The .rpm package." };
        var directory = new Argument<string>("DIR") { Description = "Target directory; created, and must be empty or absent." };
        var command = new Command("extract", "Extract a package's files into a directory (like rpm2cpio FILE | cpio -idm, but checked and safe).");
        command.Arguments.Add(file);
        command.Arguments.Add(directory);
        CommandAction.Set(command, context, (parseResult, cancellationToken) =>
        {
            var package = parseResult.GetValue(file)!;
            var target = Path.GetFullPath(parseResult.GetValue(directory)!);
            if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            {
                throw new IOException($"Refusing to extract into '{target}': it exists and is not an empty directory.");
            }

            RpmExtractionResult result;
            using (var output = AtomicOutput.CreateDirectory(target))
            {
                result = RpmPayloadExtractor.Extract(package, output.TemporaryPath, cancellationToken: cancellationToken);
                output.Commit();
            }

            foreach (var warning in result.Warnings)
            {
                context.Error.WriteLine($"basalt: warning: {warning}");
            }

            context.Out.WriteLine(
                $"Extracted '{package}' into '{target}': {result.Files} files, {result.Directories} directories, {result.Symlinks} symlinks, " +
                $"{result.HardLinks} hard links, {result.Bytes} bytes.");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
