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

    /// <summary>The disk with the partitions' contents; null contents give the layout alone (offsets and sizes do not
    /// depend on them or on the root hash), for writers that put their bytes straight into the disk.</summary>
    public static DiskImageBuilder Create(ImageDefinition definition, ImageIdentity identity, byte[] rootHash,
        PartitionContent? esp, PartitionContent? usr, PartitionContent? verity)
    {
        var disk = definition.Disk;
        var suffix = Architecture.PartitionSuffix(definition.Arch);
        var usrType = Architecture.UsrType(definition.Arch);
        var verityType = Architecture.UsrVerityType(definition.Arch);
        var (usrUuid, verityUuid) = ImageIdentity.FromRootHash(rootHash);
        var builder = new DiskImageBuilder(identity.DiskGuid) { DiskSizeBytes = disk.TotalBytes };

        // UAPI Discoverable Partitions: bit 60 (read-only) on the sealed slot; bit 63 (no-auto) keeps
        // systemd-gpt-auto-generator away from the empty slot until an update fills it and clears the bit.
        builder.Add(new DiskPartitionSpec(EspLabel, GptPartitionTypes.Esp, identity.EspPartition, disk.Partitions.Esp, esp));
        builder.Add(new DiskPartitionSpec($"usr-{suffix}", usrType, usrUuid, disk.Partitions.Usr, usr, GptAttributes.ReadOnly));
        builder.Add(new DiskPartitionSpec($"usr-{suffix}-verity", verityType, verityUuid, disk.Partitions.Verity, verity, GptAttributes.ReadOnly));
        if (disk.AB)
        {
            builder.Add(new DiskPartitionSpec(EmptySlotLabel, usrType, identity.UsrBPartition, disk.Partitions.Usr, null, GptAttributes.NoAuto));
            builder.Add(new DiskPartitionSpec(EmptySlotLabel, verityType, identity.UsrBVerityPartition, disk.Partitions.Verity, null, GptAttributes.NoAuto));
        }

        return builder;
    }

    /// <summary>The disk's size and where its partitions lie (ESP, usr-A, usr-A verity first), before anything is written.</summary>
    public static Basalt.Imaging.Disk.DiskLayout Locate(ImageDefinition definition, ImageIdentity identity)
        // Any root hash will do for the offsets; a non-zero one keeps the placeholder partition UUIDs valid and distinct.
        => Create(definition, identity, [.. Enumerable.Range(1, 32).Select(i => (byte)i)], null, null, null).Plan();

    public static IReadOnlyList<PartitionReport> Report(Basalt.Imaging.Disk.DiskLayout layout)
        => [.. layout.Entries.Select(entry => new PartitionReport(
            entry.Partition.Name,
            GptPartitionTypes.GetName(entry.Partition.Type) ?? entry.Partition.Type.ToString("D"),
            entry.Partition.UniqueId,
            entry.Partition.OffsetBytes,
            entry.Partition.SizeBytes,
            entry.Content?.Length ?? 0))];
}
