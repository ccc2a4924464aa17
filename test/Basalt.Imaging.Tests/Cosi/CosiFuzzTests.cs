using Basalt.Imaging.Cosi;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Cosi;

public sealed class CosiFuzzTests
{
    [Fact]
    public async Task Read_MutatedHeadersMetadataAndGpt_OnlyInvalidDataException()
    {
        using var temp = new TempDirectory();
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(temp.FullPath);
        var source = CosiSample.Source(disk, rootHash);

        // Only the ESP and a small slice keep each iteration cheap; the structure is the same.
        var raw = CosiRawDisk.Load(disk);
        source = source with
        {
            Partitions = [raw.Partitions[0]],
            FileSystems = [source.FileSystems[0]],
        };
        var path = temp.Path("fuzz.cosi");
        await CosiWriter.WriteAsync(source, path, TestContext.Current.CancellationToken);
        var valid = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var members = CosiSample.Members(path);
        var gptEnd = 512 * 3 + members[1].Data.Length + 512 + members[2].Data.Length;

        MutationFuzzer.Run(valid, [(0, 512), (512, 1024 + members[1].Data.Length), (gptEnd - members[2].Data.Length, members[2].Data.Length)], bytes =>
        {
            using var stream = new MemoryStream(bytes);
            if (new CosiDiskFormat().TryOpen(stream, out var view))
            {
                using (view)
                {
                    Basalt.Imaging.Disk.DiskInspector.Inspect(view);
                }
            }
        });
    }
}
