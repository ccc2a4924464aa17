using Basalt.Imaging.Disk;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Gpt;
using Basalt.IO;

namespace Basalt.Compose.Machines;

/// <summary>
/// A disk image opened read-only for booting: its container format (as qemu's <c>-f</c> names it) and, for a direct
/// kernel boot, the FAT file system of its EFI System Partition (found by the UAPI.2 type GUID).
/// </summary>
public sealed class MachineImage : IDisposable
{
    private readonly FileStream _file;
    private readonly DiskView _disk;

    private MachineImage(string path, FileStream file, DiskView disk, string qemuFormat)
    {
        Path = path;
        _file = file;
        _disk = disk;
        QemuFormat = qemuFormat;
    }

    public string Path { get; }

    /// <summary>The qemu block driver: <c>raw</c>, <c>vpc</c> (VHD) or <c>qcow2</c>.</summary>
    public string QemuFormat { get; }

    public static MachineImage Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Disk image '{path}' does not exist.", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            DiskView disk;
            try
            {
                disk = DiskFormats.Open(file);
            }
            catch (InvalidDataException exception)
            {
                throw new InvalidDataException($"'{path}': {exception.Message}", exception);
            }

            var format = disk.Format switch
            {
                "raw" => "raw",
                "vhd" => "vpc",
                "qcow2" => "qcow2",
                _ => throw new InvalidDataException($"'{path}' is a {disk.Format} file, which qemu cannot boot; give a raw, VHD or qcow2 disk image."),
            };
            return new MachineImage(path, file, disk, format);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens the FAT file system of the first ESP in the GPT, or throws naming the image.</summary>
    public FatReader OpenEsp()
    {
        GptTable table;
        try
        {
            if (!GptReader.TryRead(_disk, out table))
            {
                throw new InvalidDataException($"'{Path}' has no GPT partition table, so no EFI System Partition to boot from.");
            }
        }
        catch (InvalidDataException exception) when (!exception.Message.StartsWith($"'{Path}'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{Path}': {exception.Message}", exception);
        }

        var esp = table.Partitions.OrderBy(p => p.Number).FirstOrDefault(p => p.Type == GptPartitionTypes.Esp)
            ?? throw new InvalidDataException($"'{Path}' has no EFI System Partition (GPT type {GptPartitionTypes.Esp}).");
        var window = new WindowStream(new DiskViewStream(_disk), esp.OffsetBytes, esp.SizeBytes, leaveOpen: false);
        return FatReader.Open(window, $"'{Path}' partition {esp.Number} (ESP)");
    }

    public void Dispose()
    {
        _disk.Dispose();
        _file.Dispose();
    }
}
