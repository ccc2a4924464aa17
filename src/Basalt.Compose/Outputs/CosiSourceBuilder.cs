using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Outputs;

/// <summary>
/// The COSI description of the written raw disk. Carried regions: the ESP (whole), usr-A (the EROFS image only, a
/// "shrunk" filesystem the spec allows) and its verity hash; the empty B slot is not carried (nothing to install).
/// Filesystems: /boot/efi (vfat) and /usr (erofs, verity). There is no "/" filesystem: the root partition does not exist
/// until systemd-repart creates it on first boot.
/// </summary>
internal static class CosiSourceBuilder
{
    public const string EspMountPoint = "/boot/efi";

    public static CosiSource Create(ImageDefinition definition, ImageIdentity identity, Basalt.Imaging.Disk.DiskLayout layout, string rawPath,
        long usrBytes, long verityBytes, string rootHash, FileTree esp, FileTree usr, string osRelease,
        IReadOnlyList<CosiPackage> packages, long sourceDateEpoch)
    {
        var entries = layout.Entries;
        var espEntry = entries[0].Partition;
        var usrEntry = entries[1].Partition;
        var verityEntry = entries[2].Partition;
        return new CosiSource
        {
            DiskSize = layout.SizeBytes,
            PrimaryGpt = GptWriter.BuildPrimary(layout.Table),
            Partitions =
            [
                CosiPartitionImage.FromFile(espEntry.Number, rawPath, espEntry.OffsetBytes, espEntry.SizeBytes),
                CosiPartitionImage.FromFile(usrEntry.Number, rawPath, usrEntry.OffsetBytes, usrBytes),
                CosiPartitionImage.FromFile(verityEntry.Number, rawPath, verityEntry.OffsetBytes, verityBytes),
            ],
            FileSystems =
            [
                new CosiFileSystem(espEntry.Number, EspMountPoint, "vfat", FatVolumeId.Format(identity.EspSerial)),
                new CosiFileSystem(usrEntry.Number, "/usr", "erofs", identity.UsrFileSystem.ToString("D"), new CosiVerity(verityEntry.Number, rootHash)),
            ],
            OsRelease = osRelease,
            OsArch = Architecture.CosiName(definition.Arch),
            Bootloader = Bootloader(esp, usr),
            Packages = packages,
            Id = identity.CosiId,
            Timestamp = sourceDateEpoch,
        };
    }

    /// <summary>
    /// systemd-boot with one <c>config</c> entry per Boot Loader Specification entry on the ESP; grub only when the
    /// image carries GRUB and no systemd-boot and has no entries. Without a kernel the entry list is empty.
    /// </summary>
    internal static CosiBootloader Bootloader(FileTree esp, FileTree usr)
    {
        var entries = new List<CosiBootEntry>();
        foreach (var (path, file) in EspLayout.Entries(esp))
        {
            var fields = System.Text.Encoding.UTF8.GetString(file.Content.ReadAllBytes()).Split('\n')
                .Select(line => line.Split(' ', 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
            entries.Add(new CosiBootEntry("config", EspMountPoint + path, fields.GetValueOrDefault("options") ?? "", fields.GetValueOrDefault("version") ?? ""));
        }

        var hasSystemdBoot = usr.Contains("/lib/systemd/boot/efi");
        var hasGrub = usr.Contains("/lib/grub") || usr.Contains("/share/grub");
        return entries.Count == 0 && hasGrub && !hasSystemdBoot
            ? new CosiBootloader(CosiBootloader.Grub)
            : new CosiBootloader(CosiBootloader.SystemdBoot, entries);
    }
}
