using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Tree;

namespace Basalt.Cli.Commands.Mkfs;

/// <summary><c>basalt mkfs fat SRC_DIR OUT --size SIZE [--label L] [--volume-id HEX] [--timestamp N]</c>: a FAT32 image (an ESP).</summary>
internal static class MkfsFatCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("SRC_DIR") { Description = "The directory to copy into the volume." };
        var output = new Argument<string>("OUT") { Description = "The image file to write." };
        var size = new Option<string>("--size") { Description = "Volume size: bytes or a number with K, M, G (binary units), e.g. 64M.", Required = true };
        var label = new Option<string>("--label") { Description = "Volume label (up to 11 characters).", DefaultValueFactory = _ => "NO NAME" };
        var volumeId = new Option<string?>("--volume-id") { Description = "Volume serial number as 8 hex digits; default derived from label, size and timestamp." };
        var timestamp = new Option<long?>("--timestamp") { Description = "Unix time for every entry; default each file's modification time." };
        var command = new Command("fat", "Write a FAT32 image (an EFI System Partition) from a directory.") { source, output, size, label, volumeId, timestamp };
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var sizeBytes = ParseSize(parseResult.GetValue(size)!);
            var labelText = parseResult.GetValue(label)!;
            var time = parseResult.GetValue(timestamp) is { } seconds ? new FileTimestamp(seconds) : (FileTimestamp?)null;
            var id = parseResult.GetValue(volumeId) is { } hex ? ParseVolumeId(hex) : DeriveVolumeId(labelText, sizeBytes, time);
            var tree = FileTreeLoader.FromDirectory(parseResult.GetValue(source)!, new FileTreeLoaderOptions { ReadExtendedAttributes = false, Timestamp = time });
            var options = new FatOptions { SizeBytes = sizeBytes, Label = labelText, VolumeId = id, Timestamp = time };
            var geometry = await FatWriter.WriteAsync(tree, parseResult.GetValue(output)!, options, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(
                $"FAT32: {geometry.ClusterCount} clusters of {geometry.ClusterBytes} bytes, volume id {FatVolumeId.Format(id)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses "123", "64K", "64M", "1G" (powers of 1024).</summary>
    internal static long ParseSize(string text)
    {
        var trimmed = text.Trim();
        var multiplier = trimmed.Length == 0 ? 1L : char.ToUpperInvariant(trimmed[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        var digits = multiplier == 1 ? trimmed : trimmed[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > long.MaxValue / multiplier)
        {
            throw new FormatException($"Size '{text}' is not a positive number of bytes, optionally followed by K, M, G or T.");
        }

        return value * multiplier;
    }

    private static uint ParseVolumeId(string hex)
    {
        var digits = hex.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is 0 or > 8 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException($"Volume id '{hex}' is not 1 to 8 hex digits (e.g. 1234ABCD or 1234-ABCD).");
        }

        return id;
    }

    /// <summary>A reproducible default: the first 4 bytes of SHA-256 over label, size and timestamp.</summary>
    private static uint DeriveVolumeId(string label, long size, FileTimestamp? time)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"basalt-fat-volume-id\n{label}\n{size}\n{time?.Seconds ?? 0}"));
        return BitConverter.ToUInt32(hash, 0);
    }
}
