using System.Text;
using Basalt.Compression;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Tests.Payload;

/// <summary>
/// Crafts hostile packages from real ones: the payload is decompressed, then same-length byte replacements are applied
/// to the main header and/or the cpio archive, and the package is written back with an uncompressed payload (readers
/// detect the compressor by magic bytes). Digests are left stale on purpose: extraction must not rely on them.
/// </summary>
internal static class CraftedPackage
{
    public static string Rewrite(string source, string destination, IEnumerable<(string From, string To)> headerReplacements,
        IEnumerable<(string From, string To)> payloadReplacements)
    {
        using var input = File.OpenRead(source);
        var headers = RpmPackageHeaders.Read(input, source);
        using var payloadStream = Decompression.Open(input, DecompressionLimits.Default, leaveOpen: true);
        using var payload = new MemoryStream();
        payloadStream.CopyTo(payload);

        var prefix = new byte[headers.HeaderOffset];
        input.Position = 0;
        input.ReadExactly(prefix);
        var header = headers.Header.Bytes.ToArray();
        var archive = payload.ToArray();
        Replace(header, headerReplacements);
        Replace(archive, payloadReplacements);

        using var output = File.Create(destination);
        output.Write(prefix);
        output.Write(header);
        output.Write(archive);
        return destination;
    }

    private static void Replace(byte[] data, IEnumerable<(string From, string To)> replacements)
    {
        foreach (var (from, to) in replacements)
        {
            var fromBytes = Encoding.UTF8.GetBytes(from);
            var toBytes = Encoding.UTF8.GetBytes(to);
            if (fromBytes.Length != toBytes.Length)
            {
                throw new ArgumentException($"'{from}' and '{to}' differ in length.");
            }

            var found = 0;
            for (var i = data.AsSpan().IndexOf(fromBytes); i >= 0; i = data.AsSpan().IndexOf(fromBytes) is var next and >= 0 ? next : -1)
            {
                toBytes.CopyTo(data, i);
                found++;
            }

            if (found == 0)
            {
                throw new ArgumentException($"'{from}' does not occur.");
            }
        }
    }
}
