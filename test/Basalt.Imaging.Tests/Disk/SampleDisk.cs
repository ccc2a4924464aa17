using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Tests.Disk;

/// <summary>Builds small, deterministic GPT disks for the disk-format tests.</summary>
internal static class SampleDisk
{
    public static readonly byte[] Seed = "basalt-test-seed"u8.ToArray();

    public static Guid DiskGuid => GuidDerivation.Derive(Seed, "disk");

    /// <summary>A pseudo-random payload of <paramref name="length"/> bytes from <paramref name="seed"/>.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>ESP (2 MiB, 100 KiB of data), A root (4 MiB, half data), B root (empty, A/B attrs), verity (1 MiB).
    /// With <paramref name="inPlace"/> the contents are declared already written into the disk.</summary>
    public static DiskImageBuilder Builder(long? diskSize = null, bool inPlace = false)
    {
        PartitionContent Content(byte[] payload) => inPlace ? PartitionContent.InPlace(payload.Length) : PartitionContent.FromBytes(payload);

        var builder = new DiskImageBuilder(DiskGuid) { DiskSizeBytes = diskSize };
        builder.Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, GuidDerivation.Derive(Seed, "esp"), 2 * 1024 * 1024,
            Content(Payload(100 * 1024, 1)), GptAttributes.NoAuto));
        builder.Add(new DiskPartitionSpec("root-a", GptPartitionTypes.RootX64, GuidDerivation.Derive(Seed, "root-a"), 4 * 1024 * 1024,
            Content(Payload(2 * 1024 * 1024, 2)), GptAttributes.ReadOnly | GptAttributes.AbSlot(15, 0, successful: true)));
        builder.Add(new DiskPartitionSpec("root-b", GptPartitionTypes.RootX64, GuidDerivation.Derive(Seed, "root-b"), 4 * 1024 * 1024,
            null, GptAttributes.ReadOnly | GptAttributes.AbSlot(0, 3, successful: false)));
        builder.Add(new DiskPartitionSpec("root-a-verity", GptPartitionTypes.RootVerityX64, GuidDerivation.Derive(Seed, "root-a-verity"), 0,
            Content(Payload(300 * 1024, 3)), GptAttributes.ReadOnly));
        return builder;
    }

    public static byte[] Build(long? diskSize = null)
    {
        using var stream = new MemoryStream();
        Builder(diskSize).WriteAsync(stream).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static string Write(string path, long? diskSize = null)
    {
        Builder(diskSize).WriteAsync(path).GetAwaiter().GetResult();
        return path;
    }
}
