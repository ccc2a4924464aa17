using System.Security.Cryptography;
using System.Xml;
using Basalt.Compression;
using Basalt.IO;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Writes one compressed metadata document into a folder as "&lt;sha256&gt;-&lt;type&gt;.xml.&lt;ext&gt;", hashing the
/// open and the compressed bytes as they stream past, and returns its repomd.xml record.
/// </summary>
internal static class MetadataFileWriter
{
    public static RepoMdRecord Write(string folder, string type, CompressionFormat compression, long timestamp, string rootElement, string rootNamespace,
        int packageCount, IEnumerable<RpmMdPackage> packages, Action<XmlWriter, RpmMdPackage> writePackage)
    {
        var extension = compression switch
        {
            CompressionFormat.Gzip => ".gz",
            CompressionFormat.Zstd => ".zst",
            CompressionFormat.None => "",
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Metadata is written plain, gzip or zstd."),
        };
        var temporary = Path.Combine(folder, $".{type}.tmp");
        long size, openSize;
        byte[] digest, openDigest;
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var compressedHash = new HashingStream(file, IncrementalHash.CreateHash(HashAlgorithmName.SHA256), leaveOpen: true))
        {
            using (var compressor = Compressor.Create(compressedHash, compression, Compressor.DefaultLevel(compression), leaveOpen: true))
            using (var openHash = new HashingStream(compressor, IncrementalHash.CreateHash(HashAlgorithmName.SHA256), leaveOpen: true))
            {
                using (var writer = RpmMdXml.CreateWriter(openHash))
                {
                    writer.WriteStartDocument();
                    writer.WriteStartElement(rootElement, rootNamespace);
                    if (rootNamespace == RpmMdXml.CommonNamespace)
                    {
                        writer.WriteAttributeString("xmlns", "rpm", null, RpmMdXml.RpmNamespace);
                    }

                    writer.WriteAttributeString("packages", RpmMdXml.Number(packageCount));
                    foreach (var package in packages)
                    {
                        writePackage(writer, package);
                    }

                    writer.WriteEndElement();
                    writer.WriteEndDocument();
                }

                openHash.Write("\n"u8);
                openSize = openHash.BytesHashed;
                openDigest = openHash.GetHashAndReset();
            }

            size = compressedHash.BytesHashed;
            digest = compressedHash.GetHashAndReset();
            file.Flush(flushToDisk: true);
        }

        var hex = Convert.ToHexStringLower(digest);
        var name = $"{hex}-{type}.xml{extension}";
        File.Move(temporary, Path.Combine(folder, name), overwrite: true);
        return new RepoMdRecord(type, "repodata/" + name, new RepoChecksum("sha256", hex))
        {
            OpenChecksum = new RepoChecksum("sha256", Convert.ToHexStringLower(openDigest)),
            Size = size,
            OpenSize = openSize,
            Timestamp = timestamp,
        };
    }
}
