using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>A partition of a raw disk as <c>sfdisk --json</c> reports it, and a way to copy it out.</summary>
internal sealed record DiskPartition(string Type, string Uuid, string Name, long Start, long Sectors)
{
    public const string UsrX64 = "8484680C-9521-48C6-9C11-B0720656F69E";
    public const string UsrVerityX64 = "77FF5F63-E7B6-4633-ACF4-1565B864C0E6";
    public const string Esp = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

    /// <summary>The partitions of <paramref name="raw"/>, in table order, read by the reference tool.</summary>
    public static IReadOnlyList<DiskPartition> Read(string raw)
    {
        var json = ExternalTool.Run(ExternalTool.Require("sfdisk", "fdisk"), ["--json", raw]).EnsureSuccess("sfdisk --json");
        using var document = JsonDocument.Parse(json.StandardOutputBytes);
        return [.. document.RootElement.GetProperty("partitiontable").GetProperty("partitions").EnumerateArray().Select(p => new DiskPartition(
            p.GetProperty("type").GetString()!.ToUpperInvariant(),
            p.GetProperty("uuid").GetString()!.ToUpperInvariant(),
            p.TryGetProperty("name", out var name) ? name.GetString()! : "",
            p.GetProperty("start").GetInt64(),
            p.GetProperty("size").GetInt64()))];
    }

    /// <summary>Copies the partition's bytes (or the first <paramref name="length"/> of them) into a file of its own.</summary>
    public void CopyTo(string raw, string destination, long? length = null)
    {
        using var source = File.OpenRead(raw);
        source.Position = Start * 512;
        using var target = File.Create(destination);
        var remaining = length ?? (Sectors * 512);
        var buffer = new byte[1 << 20];
        while (remaining > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                break;
            }

            target.Write(buffer, 0, read);
            remaining -= read;
        }
    }
}
