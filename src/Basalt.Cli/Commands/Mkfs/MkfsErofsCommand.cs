using System.CommandLine;
using System.Globalization;
using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tree;

namespace Basalt.Cli.Commands.Mkfs;

/// <summary>
/// <c>basalt mkfs erofs SRC_DIR OUT</c>: an uncompressed EROFS image of a directory, like
/// <c>mkfs.erofs</c> but written byte by byte and reproducible: with <c>--timestamp</c> (or
/// SOURCE_DATE_EPOCH) every mtime and the build time are fixed; otherwise host mtimes are kept and the
/// build time is the newest of them. The UUID defaults to the nil UUID.
/// </summary>
internal static class MkfsErofsCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("SRC_DIR") { Description = "Directory to put in the image." };
        var output = new Argument<string>("OUT") { Description = "Image file to write (replaced atomically)." };
        var allRoot = new Option<bool>("--all-root") { Description = "Make every file owned by uid 0 and gid 0 (mkfs.erofs --all-root)." };
        var timestamp = new Option<long?>("--timestamp", "-T") { Description = "Unix time for every file and the build time (mkfs.erofs -T); defaults to SOURCE_DATE_EPOCH when set." };
        var uuid = new Option<Guid?>("--uuid", "-U") { Description = "Filesystem UUID (mkfs.erofs -U); default 00000000-0000-0000-0000-000000000000." };
        var label = new Option<string?>("--label", "-L") { Description = "Volume label, at most 16 bytes." };
        var command = new Command("erofs", "Write an uncompressed EROFS image of a directory.");
        command.Arguments.Add(source);
        command.Arguments.Add(output);
        command.Options.Add(allRoot);
        command.Options.Add(timestamp);
        command.Options.Add(uuid);
        command.Options.Add(label);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var fixedTime = parseResult.GetValue(timestamp) ?? SourceDateEpoch();
            FileTimestamp? time = fixedTime is { } seconds ? new FileTimestamp(seconds) : null;
            var tree = FileTreeLoader.FromDirectory(parseResult.GetValue(source)!, new FileTreeLoaderOptions
            {
                AllRoot = parseResult.GetValue(allRoot),
                Timestamp = time,
            });
            var options = new ErofsWriterOptions
            {
                BuildTime = time ?? tree.EnumerateDepthFirst().Max(entry => entry.Node.ModificationTime),
                Uuid = parseResult.GetValue(uuid) ?? Guid.Empty,
                VolumeName = parseResult.GetValue(label),
            };
            var path = parseResult.GetValue(output)!;
            var info = await ErofsWriter.WriteFileAsync(tree, path, options, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote '{path}': {info.Inodes} inodes, {info.Blocks} blocks of 4096 bytes ({info.Size} bytes), UUID {options.Uuid}.")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static long? SourceDateEpoch()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new ArgumentException($"SOURCE_DATE_EPOCH '{value}' is not a number of seconds.");
    }
}
