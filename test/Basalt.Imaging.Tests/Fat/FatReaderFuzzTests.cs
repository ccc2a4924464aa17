using Basalt.Imaging.Fat;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Fat;

public sealed class FatReaderFuzzTests
{
    [Fact]
    public void ReadTree_MutatedFat12Volume_OnlyThrowsInvalidData()
    {
        var mkfs = ExternalTool.Require("mkfs.fat", "dosfstools");
        var mcopy = ExternalTool.Require("mcopy", "mtools");
        using var temp = new TempDirectory();
        var image = temp.Path("fuzz.img");
        ExternalTool.Run(mkfs, ["-C", image, "1440", "-F", "12", "-s", "1"]).EnsureSuccess("mkfs.fat");
        var source = temp.Path("src");
        Directory.CreateDirectory(Path.Combine(source, "loader", "entries"));
        File.WriteAllText(Path.Combine(source, "loader", "loader.conf"), "default basalt-*\n");
        File.WriteAllText(Path.Combine(source, "loader", "entries", "A Long Entry Name.conf"), "linux /linux\n");
        File.WriteAllBytes(Path.Combine(source, "linux"), new byte[5000]);
        ExternalTool.Run(mcopy, ["-s", "-i", image, Path.Combine(source, "loader"), Path.Combine(source, "linux"), "::/"],
            environment: new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1" }).EnsureSuccess("mcopy");
        var valid = File.ReadAllBytes(image);

        // mkfs.fat's 1.44 MB FAT12 layout: boot sector, FAT 1 (9 sectors), root directory (224 entries) and the first data clusters.
        MutationFuzzer.Run(valid, [(0, 512), (512, 4608), (9728, 7168), (16896, 8192)], bytes =>
        {
            if (!FatReader.TryOpen(new MemoryStream(bytes, writable: false), "fuzz", out var reader))
            {
                return;
            }

            try
            {
                ReadTree(reader, "/", depth: 0);
            }
            catch (IOException)
            {
                // A mutated name can make an entry unreachable by path (a '/' in it, or a duplicate that is a directory).
            }
        });
    }

    private static void ReadTree(FatReader reader, string path, int depth)
    {
        // A directory entry pointing back at an ancestor is a cycle for a recursive walker (not for the reader, which
        // only follows the paths it is given), so the walk stops at a fixed depth.
        if (depth > 8)
        {
            return;
        }

        foreach (var entry in reader.ListDirectory(path))
        {
            if (entry.IsDirectory)
            {
                ReadTree(reader, entry.Path, depth + 1);
            }
            else if (entry.Size < 1 << 20)
            {
                reader.ReadAllBytes(entry.Path, 1 << 20);
            }
        }
    }
}
