using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>The disk layout: sizes with units, per-partition limits, and the total they add up to.</summary>
public static partial class DefinitionLoader
{
    private static DiskLayout ReadDisk(DefinitionReader reader, YamlMappingNode root)
    {
        var node = reader.Mapping(DefinitionReader.Get(root, "disk"), "disk");
        if (node is null)
        {
            return new DiskLayout { Partitions = new DiskPartitions { Verity = DiskSizes.DefaultVerity(DiskSizes.DefaultUsr) } };
        }

        reader.CheckKeys(node, "disk", DefinitionKeys.Disk);
        var ab = reader.Boolean(node, "ab", "disk") ?? true;
        var size = Size(reader, node, "size", "disk", 3 * DiskSizes.MiB, DiskSizes.MaxDisk);
        var partitions = reader.Mapping(DefinitionReader.Get(node, "partitions"), "disk.partitions");
        if (partitions is not null)
        {
            reader.CheckKeys(partitions, "disk.partitions", DefinitionKeys.Partitions);
        }

        const string P = "disk.partitions";
        var esp = Size(reader, partitions, "esp", P, DiskSizes.MinEsp, DiskSizes.MaxEsp) ?? DiskSizes.DefaultEsp;
        var usr = Size(reader, partitions, "usr", P, DiskSizes.MinUsr, DiskSizes.MaxDisk) ?? DiskSizes.DefaultUsr;
        var verity = Size(reader, partitions, "verity", P, DiskSizes.MiB, DiskSizes.MaxDisk);
        if (verity is { } given && given < DiskSizes.MinimumVerity(usr))
        {
            reader.Errors.Add($"{P}.verity", DefinitionReader.Get(partitions!, "verity"),
                $"{DiskSizes.Format(given)} cannot hold the hash tree of a {DiskSizes.Format(usr)} usr partition (needs {DiskSizes.Format(DiskSizes.MinimumVerity(usr))})");
        }

        var slots = ab ? 2 : 1;
        var fixedPart = 2 * DiskSizes.Alignment + esp + (slots * (usr + (verity ?? DiskSizes.DefaultVerity(usr))));
        var rootGiven = Size(reader, partitions, "root", P, DiskSizes.MinRoot, DiskSizes.MaxDisk);
        long rootSize;
        if (rootGiven is { } explicitRoot)
        {
            rootSize = explicitRoot;
        }
        else if (size is { } total)
        {
            // With a total size, root/var takes what the other partitions leave.
            rootSize = total - fixedPart;
        }
        else
        {
            rootSize = DiskSizes.DefaultRoot;
        }

        if (size is { } requested && (fixedPart + Math.Max(rootSize, DiskSizes.MinRoot) > requested || (rootGiven is { } r && fixedPart + r > requested)))
        {
            var needed = fixedPart + (rootGiven ?? DiskSizes.MinRoot);
            reader.Errors.Add("disk.size", DefinitionReader.Get(node, "size"),
                $"{DiskSizes.Format(requested)} is too small for the partitions, which need at least {DiskSizes.Format(needed)} (1M GPT at each end, esp, {slots} × (usr + verity), root)");
        }

        return new DiskLayout
        {
            Size = size,
            AB = ab,
            Partitions = new DiskPartitions { Esp = esp, Usr = usr, Verity = verity ?? DiskSizes.DefaultVerity(usr), Root = Math.Max(rootSize, 0) },
        };
    }

    private static long? Size(DefinitionReader reader, YamlMappingNode? node, string key, string keyPath, long min, long max)
    {
        var text = node is null ? null : reader.Text(node, key, keyPath);
        if (text is null)
        {
            return null;
        }

        var path = DefinitionReader.Join(keyPath, key);
        var valueNode = DefinitionReader.Get(node!, key);
        if (!DiskSizes.TryParse(text, out var bytes))
        {
            reader.Errors.Add(path, valueNode, $"'{text}' is not a size (a whole number with K, M, G or T, e.g. 512M or 2G)");
            return null;
        }

        if (bytes % DiskSizes.Alignment != 0)
        {
            reader.Errors.Add(path, valueNode, $"'{text}' is not a whole number of MiB (partitions are 1M-aligned)");
            return null;
        }

        if (bytes < min || bytes > max)
        {
            reader.Errors.Add(path, valueNode, $"'{text}' is out of range ({DiskSizes.Format(min)} to {DiskSizes.Format(max)})");
            return null;
        }

        return bytes;
    }
}
