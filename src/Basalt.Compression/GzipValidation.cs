using System.IO.Compression;

namespace Basalt.Compression;

/// <summary>
/// The BCL's gzip decoder reports a truncated stream only under the AppContext switch
/// "System.IO.Compression.UseStrictValidation", which DeflateStream reads once per process. We turn it on and then
/// probe whether it took effect (it does not if something in the process used DeflateStream first). Without it,
/// truncation is caught by checking the final member's trailer against the output, which is exact for the
/// single-member streams rpm and createrepo_c write (a multi-member stream then fails closed).
/// Executables should also set the switch in their runtimeconfig (RuntimeHostConfigurationOption).
/// </summary>
internal static class GzipValidation
{
    public const string Switch = "System.IO.Compression.UseStrictValidation";

    public static readonly bool Strict = EnableAndProbe();

    private static bool EnableAndProbe()
    {
        AppContext.SetSwitch(Switch, true);
        using var compressed = new MemoryStream();
        using (var writer = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var i = 0; i < 512; i++)
            {
                writer.Write(BitConverter.GetBytes(i * 2654435761u));
            }
        }

        var truncated = compressed.ToArray()[..(int)(compressed.Length / 2)];
        try
        {
            using var reader = new GZipStream(new MemoryStream(truncated), CompressionMode.Decompress);
            reader.CopyTo(Stream.Null);
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }
}
