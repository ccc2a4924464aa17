using Basalt.Imaging.Disk;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Machines;

/// <summary>GPT disk images with an ESP written by FatWriter, for the boot-file tests.</summary>
internal static class TestDisks
{
    public static FileTree Esp() => new() { DefaultTimestamp = new FileTimestamp(1_700_000_000) };

    public static async Task<string> WriteAsync(TempDirectory temp, FileTree esp, Guid? type = null)
    {
        var fat = temp.Path("esp-" + Guid.NewGuid().ToString("N") + ".fat");
        await FatWriter.WriteAsync(esp, fat, new FatOptions { SizeBytes = 40L * 1024 * 1024, Label = "ESP" }, TestContext.Current.CancellationToken);
        var path = temp.Path("disk-" + Guid.NewGuid().ToString("N") + ".img");
        await new DiskImageBuilder(new Guid("11111111-2222-3333-4444-555555555555"))
            .Add(new DiskPartitionSpec("esp", type ?? GptPartitionTypes.Esp, new Guid("66666666-2222-3333-4444-555555555555"), 0, PartitionContent.FromFile(fat)))
            .WriteAsync(path, TestContext.Current.CancellationToken);
        File.Delete(fat);
        return path;
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
