using System.Formats.Tar;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Oci;
using Basalt.Imaging.Verity;

namespace Basalt.Imaging.Tests.Cosi;

/// <summary>
/// A small GPT disk (ESP with data, a root partition with real dm-verity data and its hash partition, and an
/// unused partition) and the COSI source describing it.
/// </summary>
internal static class CosiSample
{
    public const long Timestamp = 1_700_000_000;
    public static readonly byte[] Seed = "basalt-cosi-test"u8.ToArray();
    public static readonly Guid CosiId = Guid.Parse("6c1f0b1e-3a2d-4c5b-9e8f-0a1b2c3d4e5f");
    public const string RootUuid = "9f0e6b1d-2c3a-4b5d-8e7f-6a5b4c3d2e1f";

    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);

        // Runs of zeros make the images compress, as real filesystems do.
        Array.Clear(bytes, length / 2, length / 4);
        return bytes;
    }

    /// <summary>Writes the raw disk into <paramref name="directory"/>; returns its path and the verity root hash.</summary>
    public static async Task<(string Disk, string RootHash)> WriteDiskAsync(string directory)
    {
        var data = Path.Combine(directory, "root.data");
        var hash = Path.Combine(directory, "root.hash");
        await File.WriteAllBytesAsync(data, Payload(2 * 1024 * 1024, 2));
        var verity = await VerityFormatter.FormatAsync(data, hash, new VerityOptions
        {
            Salt = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
            Uuid = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        });

        var builder = new DiskImageBuilder(GuidDerivation.Derive(Seed, "disk"));
        builder.Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, GuidDerivation.Derive(Seed, "esp"), 2 * 1024 * 1024, PartitionContent.FromBytes(Payload(100 * 1024, 1))));
        builder.Add(new DiskPartitionSpec("root", GptPartitionTypes.RootX64, GuidDerivation.Derive(Seed, "root"), 3 * 1024 * 1024, PartitionContent.FromFile(data)));
        builder.Add(new DiskPartitionSpec("root-verity", GptPartitionTypes.RootVerityX64, GuidDerivation.Derive(Seed, "root-verity"), 1024 * 1024, PartitionContent.FromFile(hash)));
        builder.Add(new DiskPartitionSpec("spare", GptPartitionTypes.LinuxGeneric, GuidDerivation.Derive(Seed, "spare"), 1024 * 1024));
        var disk = Path.Combine(directory, "disk.raw");
        await builder.WriteAsync(disk);
        return (disk, verity.RootHashHex);
    }

    public static CosiSource Source(string disk, string rootHash, IReadOnlyList<CosiPartitionImage>? partitions = null)
    {
        var raw = CosiRawDisk.Load(disk);
        return new CosiSource
        {
            DiskSize = raw.DiskSize,
            PrimaryGpt = raw.PrimaryGpt,
            Partitions = partitions ?? raw.Partitions.Where(p => p.Number <= 3).ToList(),
            FileSystems =
            [
                new CosiFileSystem(1, "/boot/efi", "vfat", "C3D4-250D"),
                new CosiFileSystem(2, "/", "erofs", RootUuid, new CosiVerity(3, rootHash)),
            ],
            OsRelease = "NAME=\"Basalt Test\"\nID=basalt\nVERSION_ID=1\nPRETTY_NAME=\"Basalt Test 1\"\n",
            OsArch = "x86_64",
            Bootloader = new CosiBootloader(CosiBootloader.SystemdBoot, [new CosiBootEntry("uki-standalone", "/boot/efi/EFI/Linux/basalt.efi", "root=PARTUUID=x ro", "6.6.1-1.bas1")]),
            Packages = [new CosiPackage("bash", "5.2.26", "1.bas1", "x86_64"), new CosiPackage("tzdata", "2024a", "1.bas1", "noarch")],
            Id = CosiId,
            Timestamp = Timestamp,
            CompressionLevel = 3,
        };
    }

    /// <summary>All members of a tar, in order, read with the BCL's reader.</summary>
    public static List<(TarEntry Entry, byte[] Data)> Members(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        var members = new List<(TarEntry, byte[])>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            members.Add((entry, data.ToArray()));
        }

        return members;
    }

    /// <summary>Writes the given members as a ustar archive with Basalt's tar writer (to build malformed COSI files).</summary>
    public static void WriteTar(string path, IEnumerable<(string Name, byte[] Data)> members)
    {
        using var stream = File.Create(path);
        var tar = new TarStreamWriter(stream);
        foreach (var (name, data) in members)
        {
            tar.WriteEntryAsync(new TarEntryHeader { Name = name, TypeFlag = TarLayout.TypeRegular, Size = data.Length }, new MemoryStream(data), CancellationToken.None).GetAwaiter().GetResult();
        }

        tar.WriteEndAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
