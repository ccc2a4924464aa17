using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;

namespace Basalt.Compose.Outputs;

/// <summary>
/// The GPT of an image, in disk order: 1 ESP, 2 usr-A, 3 usr-A verity, and with A/B 4 usr-B and 5 usr-B verity,
/// reserved empty and sized as A. The root partition is not written: systemd-repart creates it on first boot in the
/// space left at the end of the disk (usr/lib/repart.d/50-root.conf).
/// </summary>
internal static class DiskPlan
{
    /// <summary>systemd-sysupdate(8) treats partitions labelled "_empty" as free slots to install the next version into.</summary>
    public const string EmptySlotLabel = "_empty";

    public const string EspLabel = "esp";

    public static DiskImageBuilder Create(ImageDefinition definition, ImageIdentity identity, byte[] rootHash,
        string espImage, string usrImage, string verityImage)
    {
        var disk = definition.Disk;
        var suffix = Architecture.PartitionSuffix(definition.Arch);
        var usrType = Architecture.UsrType(definition.Arch);
        var verityType = Architecture.UsrVerityType(definition.Arch);
        var (usrUuid, verityUuid) = ImageIdentity.FromRootHash(rootHash);
        var builder = new DiskImageBuilder(identity.DiskGuid) { DiskSizeBytes = disk.TotalBytes };

        // UAPI Discoverable Partitions: bit 60 (read-only) on the sealed slot; bit 63 (no-auto) keeps
        // systemd-gpt-auto-generator away from the empty slot until an update fills it and clears the bit.
        builder.Add(new DiskPartitionSpec(EspLabel, GptPartitionTypes.Esp, identity.EspPartition, disk.Partitions.Esp, PartitionContent.FromFile(espImage)));
        builder.Add(new DiskPartitionSpec($"usr-{suffix}", usrType, usrUuid, disk.Partitions.Usr, PartitionContent.FromFile(usrImage), GptAttributes.ReadOnly));
        builder.Add(new DiskPartitionSpec($"usr-{suffix}-verity", verityType, verityUuid, disk.Partitions.Verity, PartitionContent.FromFile(verityImage), GptAttributes.ReadOnly));
        if (disk.AB)
        {
            builder.Add(new DiskPartitionSpec(EmptySlotLabel, usrType, identity.UsrBPartition, disk.Partitions.Usr, null, GptAttributes.NoAuto));
            builder.Add(new DiskPartitionSpec(EmptySlotLabel, verityType, identity.UsrBVerityPartition, disk.Partitions.Verity, null, GptAttributes.NoAuto));
        }

        return builder;
    }

    public static IReadOnlyList<PartitionReport> Report(Basalt.Imaging.Disk.DiskLayout layout)
        => [.. layout.Entries.Select(entry => new PartitionReport(
            entry.Partition.Name,
            GptPartitionTypes.GetName(entry.Partition.Type) ?? entry.Partition.Type.ToString("D"),
            entry.Partition.UniqueId,
            entry.Partition.OffsetBytes,
            entry.Partition.SizeBytes,
            entry.Content?.Length ?? 0))];
}
