using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Cosi;

public sealed class CosiWriterTests
{
    [Fact]
    public async Task WriteAsync_SampleDisk_MembersFollowTheSpecLayout()
    {
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var cosi = temp.Path("image.cosi");
        await CosiWriter.WriteAsync(CosiSample.Source(disk, rootHash), cosi, TestContext.Current.CancellationToken);

        // "cosi-marker" must be the first 11 bytes of the file (spec, "COSI Marker File").
        var bytes = await File.ReadAllBytesAsync(cosi, TestContext.Current.CancellationToken);
        Assert.Equal("cosi-marker"u8.ToArray(), bytes[..11]);

        var members = CosiSample.Members(cosi);
        Assert.Equal(
            ["cosi-marker", "metadata.json", "images/primary-gpt.rawzst", "images/partition-1.rawzst", "images/partition-2.rawzst", "images/partition-3.rawzst"],
            members.Select(m => m.Entry.Name));
        foreach (var (entry, _) in members)
        {
            Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
            Assert.Equal(TarEntryFormat.Ustar, entry.Format);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, entry.Mode);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(CosiSample.Timestamp), entry.ModificationTime);
        }

        Assert.Empty(members[0].Data);

        // The tar section ends with two zero blocks and nothing follows.
        Assert.True(bytes.AsSpan(bytes.Length - 1024).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public async Task WriteAsync_SampleDisk_MetadataHashesAndRegionsMatchTheRawDisk()
    {
        var zstd = ExternalTool.Require("zstd", "zstd");
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var cosi = temp.Path("image.cosi");
        await CosiWriter.WriteAsync(CosiSample.Source(disk, rootHash), cosi, TestContext.Current.CancellationToken);

        var members = CosiSample.Members(cosi).ToDictionary(m => m.Entry.Name, m => m.Data);
        using var json = JsonDocument.Parse(members["metadata.json"]);
        var root = json.RootElement;
        Assert.Equal(
            ["version", "osArch", "osRelease", "images", "disk", "osPackages", "bootloader", "id", "compression"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1.2", root.GetProperty("version").GetString());
        Assert.Equal("x86_64", root.GetProperty("osArch").GetString());
        Assert.Contains("PRETTY_NAME=\"Basalt Test 1\"", root.GetProperty("osRelease").GetString(), StringComparison.Ordinal);
        Assert.Equal(CosiSample.CosiId.ToString(), root.GetProperty("id").GetString());

        var rawDisk = await File.ReadAllBytesAsync(disk, TestContext.Current.CancellationToken);
        using var diskStream = new MemoryStream(rawDisk);
        using var view = new RawDiskView(diskStream, rawDisk.Length);
        Assert.True(GptReader.TryRead(view, out var gpt));

        var diskObject = root.GetProperty("disk");
        Assert.Equal(rawDisk.Length, diskObject.GetProperty("size").GetInt64());
        Assert.Equal("gpt", diskObject.GetProperty("type").GetString());
        Assert.Equal(512, diskObject.GetProperty("lbaSize").GetInt32());
        var regions = diskObject.GetProperty("gptRegions").EnumerateArray().ToList();
        Assert.Equal(["primary-gpt", "partition", "partition", "partition"], regions.Select(r => r.GetProperty("type").GetString()));
        Assert.False(regions[0].TryGetProperty("number", out _));
        Assert.Equal([1, 2, 3], regions.Skip(1).Select(r => r.GetProperty("number").GetInt32()));

        var maxWindowLog = root.GetProperty("compression").GetProperty("maxWindowLog").GetInt32();
        Assert.InRange(maxWindowLog, 10, 27);
        foreach (var region in regions)
        {
            var image = region.GetProperty("image");
            var path = image.GetProperty("path").GetString()!;
            Assert.StartsWith("images/", path, StringComparison.Ordinal);
            var compressed = members[path];
            Assert.Equal(compressed.Length, image.GetProperty("compressedSize").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(compressed)), image.GetProperty("sha384").GetString());

            // Independent decompression with the zstd command line, compared with the raw disk region.
            var file = temp.Path("region.zst");
            await File.WriteAllBytesAsync(file, compressed, TestContext.Current.CancellationToken);
            var decompressed = ExternalTool.Run(zstd, ["-d", "-c", "-q", $"--memory={1 << maxWindowLog}", file]).EnsureSuccess("zstd -d").StandardOutputBytes;
            Assert.Equal(image.GetProperty("uncompressedSize").GetInt64(), decompressed.Length);
            var (offset, length) = region.TryGetProperty("number", out var number)
                ? (gpt.Partitions.Single(p => p.Number == number.GetInt32()).OffsetBytes, gpt.Partitions.Single(p => p.Number == number.GetInt32()).SizeBytes)
                : (0L, 34L * 512);
            Assert.Equal(length, decompressed.Length);
            Assert.True(rawDisk.AsSpan((int)offset, (int)length).SequenceEqual(decompressed), $"region '{path}' differs from the raw disk");
        }

        var filesystems = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["/boot/efi", "/"], filesystems.Select(f => f.GetProperty("mountPoint").GetString()));
        Assert.Equal(["vfat", "erofs"], filesystems.Select(f => f.GetProperty("fsType").GetString()));
        Assert.Equal(["C3D4-250D", CosiSample.RootUuid], filesystems.Select(f => f.GetProperty("fsUuid").GetString()));
        Assert.Equal(["c12a7328-f81f-11d2-ba4b-00a0c93ec93b", "4f68bce3-e8cd-4db1-96e7-fbcaf984b709"], filesystems.Select(f => f.GetProperty("partType").GetString()));
        Assert.Equal(JsonValueKind.Null, filesystems[0].GetProperty("verity").ValueKind);
        Assert.Equal(rootHash, filesystems[1].GetProperty("verity").GetProperty("roothash").GetString());
        Assert.Equal(JsonSerializer.Serialize(regions[3].GetProperty("image")), JsonSerializer.Serialize(filesystems[1].GetProperty("verity").GetProperty("image")));

        // Each filesystem's ImageFile is exactly its gptRegions entry's.
        Assert.Equal(JsonSerializer.Serialize(regions[1].GetProperty("image")), JsonSerializer.Serialize(filesystems[0].GetProperty("image")));
        Assert.Equal(JsonSerializer.Serialize(regions[2].GetProperty("image")), JsonSerializer.Serialize(filesystems[1].GetProperty("image")));

        var packages = root.GetProperty("osPackages").EnumerateArray().ToList();
        Assert.Equal(["name", "version", "release", "arch"], packages[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("tzdata", packages[1].GetProperty("name").GetString());
        var bootloader = root.GetProperty("bootloader");
        Assert.Equal("systemd-boot", bootloader.GetProperty("type").GetString());
        Assert.Equal("uki-standalone", bootloader.GetProperty("systemdBoot").GetProperty("entries")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task WriteAsync_SameSourceTwice_IdenticalBytes()
    {
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var source = CosiSample.Source(disk, rootHash);
        await CosiWriter.WriteAsync(source, temp.Path("a.cosi"), TestContext.Current.CancellationToken);

        // The partitions given in another order must not change the output.
        await CosiWriter.WriteAsync(source with { Partitions = [.. source.Partitions.Reverse()] }, temp.Path("b.cosi"), TestContext.Current.CancellationToken);
        Assert.Equal(await File.ReadAllBytesAsync(temp.Path("a.cosi"), TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(temp.Path("b.cosi"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_FileSystemOnPartitionNotCarried_ThrowsNamingIt()
    {
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var source = CosiSample.Source(disk, rootHash);
        source = source with { Partitions = [.. source.Partitions.Where(p => p.Number != 3)] };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CosiWriter.WriteAsync(source, temp.Path("x.cosi"), TestContext.Current.CancellationToken));
        Assert.Contains("filesystem '/' has its verity hash on partition 3, which is not carried", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Path("x.cosi")));
    }

    [Fact]
    public async Task WriteAsync_DuplicateFsUuidAndBadArch_ReportsBoth()
    {
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var source = CosiSample.Source(disk, rootHash) with
        {
            OsArch = "sparc",
            FileSystems = [new CosiFileSystem(1, "/boot/efi", "vfat", "SAME"), new CosiFileSystem(2, "/", "erofs", "same")],
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CosiWriter.WriteAsync(source, temp.Path("x.cosi"), TestContext.Current.CancellationToken));
        Assert.Contains("repeats fsUuid 'same'", error.Message, StringComparison.Ordinal);
        Assert.Contains("osArch 'sparc'", error.Message, StringComparison.Ordinal);
    }
}
