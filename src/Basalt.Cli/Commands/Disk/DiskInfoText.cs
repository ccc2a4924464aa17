using Basalt.IO;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;

namespace Basalt.Cli.Commands.Disk;

/// <summary>The human-readable layout of <c>disk info</c>.</summary>
internal static class DiskInfoText
{
    public static void Write(TextWriter output, string path, DiskReport report)
    {
        output.WriteLine($"Image: {path}");
        output.WriteLine($"Format: {report.Format}");
        output.WriteLine($"Virtual size: {report.SizeBytes} bytes ({ByteSize.Format(report.SizeBytes)})");
        foreach (var (key, value) in report.FormatDetails)
        {
            output.WriteLine($"  {key}: {value}");
        }

        if (report.Gpt is not { } gpt)
        {
            output.WriteLine("Partition table: none");
            output.WriteLine($"File system: {Describe(report.WholeDiskFileSystem)}");
            return;
        }

        output.WriteLine("Partition table: GPT");
        output.WriteLine($"  disk GUID: {gpt.DiskGuid}");
        output.WriteLine($"  sectors: {gpt.DiskSectors} of {GptTable.SectorSize} bytes");
        output.WriteLine($"  usable LBAs: {gpt.FirstUsableLba}-{gpt.LastUsableLba}");
        output.WriteLine($"  entries: {gpt.EntryCount} of {gpt.EntrySize} bytes");
        foreach (var warning in gpt.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }

        output.WriteLine($"Partitions: {report.Partitions.Count}");
        foreach (var item in report.Partitions)
        {
            var p = item.Partition;
            output.WriteLine($"  {p.Number}: {(p.Name.Length == 0 ? "(no name)" : p.Name)}");
            output.WriteLine($"    type: {p.Type}{(item.TypeName is null ? "" : $" ({item.TypeName})")}");
            output.WriteLine($"    unique GUID: {p.UniqueId}");
            output.WriteLine($"    LBAs: {p.FirstLba}-{p.LastLba} ({p.SizeSectors} sectors, {ByteSize.Format(p.SizeBytes)}, offset {p.OffsetBytes})");
            var names = GptAttributes.Describe(p.Attributes, includeAbFields: true);
            output.WriteLine($"    attributes: 0x{p.Attributes:x16}{(names.Count == 0 ? "" : $" ({string.Join(", ", names)})")}");
            output.WriteLine($"    file system: {Describe(item.FileSystem)}");
        }
    }

    private static string Describe(FileSystemSignature? fs)
    {
        if (fs is null)
        {
            return "unknown";
        }

        var parts = new List<string> { fs.Type };
        if (fs.Detail is not null)
        {
            parts.Add($"({fs.Detail})");
        }

        if (fs.Label is not null)
        {
            parts.Add($"label \"{fs.Label}\"");
        }

        if (fs.Uuid is not null)
        {
            parts.Add($"uuid {fs.Uuid}");
        }

        return string.Join(' ', parts);
    }
}
