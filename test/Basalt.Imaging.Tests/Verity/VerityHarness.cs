using Basalt.Imaging.Verity;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Verity;

internal static class VerityHarness
{
    public const string SaltHex = "9a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0011223344556677";
    public const string UuidText = "0d1e2f30-4152-6374-8596-a7b8c9d0e1f2";

    public static VerityOptions Options(long hashOffset = 0) => new()
    {
        Salt = Convert.FromHexString(SaltHex),
        Uuid = Guid.Parse(UuidText),
        HashOffset = hashOffset,
    };

    public static void WriteData(string path, long blocks, int seed)
    {
        using var stream = File.Create(path);
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        var remaining = blocks * 4096;
        while (remaining > 0)
        {
            random.NextBytes(buffer);
            var chunk = (int)Math.Min(buffer.Length, remaining);
            stream.Write(buffer, 0, chunk);
            remaining -= chunk;
        }
    }

    /// <summary>Runs veritysetup format and returns its root hash.</summary>
    public static string ReferenceFormat(string data, string hash, long hashOffset = 0)
    {
        var tool = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        List<string> args = ["format", "--salt", SaltHex, "--uuid", UuidText, data, hash];
        if (hashOffset != 0)
        {
            args.Insert(1, "--hash-offset=" + hashOffset);
        }

        var output = ExternalTool.Run(tool, args).EnsureSuccess("veritysetup format").StandardOutput;
        var line = output.Split('\n').Single(l => l.StartsWith("Root hash:", StringComparison.Ordinal));
        return line.Split('\t')[1].Trim();
    }

    public static ToolResult ReferenceVerify(string data, string hash, string rootHash, long hashOffset = 0)
    {
        var tool = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        List<string> args = ["verify", data, hash, rootHash];
        if (hashOffset != 0)
        {
            args.Insert(1, "--hash-offset=" + hashOffset);
        }

        return ExternalTool.Run(tool, args);
    }

    public static void FlipByte(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
    }
}
