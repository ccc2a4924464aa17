using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Cosi;

public static partial class CosiWriter
{
    /// <summary>The spec's OsArchitecture enum (compared case-insensitively, as the spec allows).</summary>
    internal static readonly string[] OsArchitectures = ["x86_64", "arm64"];

    internal static readonly string[] BootEntryTypes = ["uki-standalone", "uki-config", "config"];

    /// <summary>Checks every MUST a writer controls, collecting all problems into one error; returns the GPT.</summary>
    private static GptTable Validate(CosiSource source)
    {
        var errors = new List<string>();
        if (source.LbaSize != GptTable.SectorSize)
        {
            throw new ArgumentException($"COSI: lbaSize {source.LbaSize} is not supported; the GPT code works in {GptTable.SectorSize}-byte sectors.", nameof(source));
        }

        if (source.DiskSize <= 0 || source.DiskSize % source.LbaSize != 0)
        {
            throw new ArgumentException($"COSI: disk size {source.DiskSize} is not a positive multiple of the {source.LbaSize}-byte LBA (Disk object, 'size').", nameof(source));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(source.CompressionLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(source.CompressionLevel, 22);
        var regionLength = CosiGpt.RegionLength(source.PrimaryGpt, "source");
        if (regionLength != source.PrimaryGpt.Length)
        {
            errors.Add($"the primary GPT region is {source.PrimaryGpt.Length} bytes but its header puts the end of the entry array at {regionLength}");
        }

        var table = CosiGpt.Read(source.PrimaryGpt, source.DiskSize, "source");
        var numbers = new HashSet<int>();
        foreach (var partition in source.Partitions)
        {
            var entry = table.Partitions.FirstOrDefault(p => p.Number == partition.Number);
            if (!numbers.Add(partition.Number))
            {
                errors.Add($"partition {partition.Number} is given twice");
            }
            else if (entry is null)
            {
                errors.Add($"partition {partition.Number} is not an entry of the GPT");
            }
            else if (partition.Length < 0 || partition.Length > entry.SizeBytes)
            {
                errors.Add($"partition {partition.Number} content is {partition.Length} bytes, larger than the {entry.SizeBytes}-byte partition");
            }
        }

        var uuids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fs in source.FileSystems)
        {
            var where = $"filesystem '{fs.MountPoint}'";
            if (!numbers.Contains(fs.PartitionNumber))
            {
                errors.Add($"{where} is on partition {fs.PartitionNumber}, which is not carried");
            }

            if (fs.Verity is { } verity && !numbers.Contains(verity.HashPartitionNumber))
            {
                errors.Add($"{where} has its verity hash on partition {verity.HashPartitionNumber}, which is not carried");
            }

            if (fs.Verity is { } v && (v.RootHash.Length == 0 || !v.RootHash.All(Uri.IsHexDigit)))
            {
                errors.Add($"{where} has a verity root hash '{v.RootHash}' that is not hexadecimal");
            }

            if (string.IsNullOrEmpty(fs.MountPoint) || string.IsNullOrEmpty(fs.FsType) || string.IsNullOrEmpty(fs.FsUuid))
            {
                errors.Add($"{where} needs a mountPoint, fsType and fsUuid");
            }
            else if (!uuids.Add(fs.FsUuid))
            {
                errors.Add($"{where} repeats fsUuid '{fs.FsUuid}' (it MUST be unique across the COSI file)");
            }
        }

        if (!OsArchitectures.Contains(source.OsArch, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"osArch '{source.OsArch}' is not one of {string.Join(", ", OsArchitectures)}");
        }

        ValidateBootloader(source.Bootloader, errors);
        foreach (var package in source.Packages)
        {
            if (new[] { package.Name, package.Version, package.Release, package.Arch }.Any(string.IsNullOrEmpty))
            {
                errors.Add($"package '{package.Name}' needs a name, version, release and arch");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("COSI source is not valid: " + string.Join("; ", errors) + ".", nameof(source));
        }

        return table;
    }

    internal static void ValidateBootloader(CosiBootloader bootloader, List<string> errors)
    {
        switch (bootloader.Type)
        {
            case CosiBootloader.SystemdBoot when bootloader.SystemdBootEntries is null:
                errors.Add("bootloader 'systemd-boot' needs its systemdBoot entries");
                break;
            case CosiBootloader.SystemdBoot:
                foreach (var entry in bootloader.SystemdBootEntries.Where(e => !BootEntryTypes.Contains(e.Type)))
                {
                    errors.Add($"systemd-boot entry '{entry.Path}' has type '{entry.Type}', not one of {string.Join(", ", BootEntryTypes)}");
                }

                break;
            case CosiBootloader.Grub when bootloader.SystemdBootEntries is not null:
                errors.Add("bootloader 'grub' must not carry systemdBoot entries");
                break;
            case CosiBootloader.Grub:
                break;
            default:
                errors.Add($"bootloader type '{bootloader.Type}' is not 'grub' or 'systemd-boot'");
                break;
        }
    }
}
