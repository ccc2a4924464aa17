using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Writing;

/// <summary>Writes repomd.xml: the revision and one &lt;data&gt; element per metadata file, in createrepo_c's layout.</summary>
public static class RepoMdWriter
{
    /// <summary>The bytes of repomd.xml for <paramref name="repoMd"/>.</summary>
    public static byte[] Write(RepoMd repoMd)
    {
        ArgumentNullException.ThrowIfNull(repoMd);
        using var buffer = new MemoryStream();
        using (var w = RpmMdXml.CreateWriter(buffer))
        {
            const string ns = RpmMdXml.RepoNamespace;
            w.WriteStartDocument();
            w.WriteStartElement("repomd", ns);
            w.WriteAttributeString("xmlns", "rpm", null, RpmMdXml.RpmNamespace);
            w.WriteElementString("revision", ns, repoMd.Revision);
            foreach (var record in repoMd.Records)
            {
                w.WriteStartElement("data", ns);
                w.WriteAttributeString("type", record.Type);
                WriteChecksum(w, "checksum", record.Checksum);
                if (record.OpenChecksum is { } open)
                {
                    WriteChecksum(w, "open-checksum", open);
                }

                w.WriteStartElement("location", ns);
                w.WriteAttributeString("href", record.Location);
                w.WriteEndElement();
                Optional(w, "timestamp", record.Timestamp);
                Optional(w, "size", record.Size);
                Optional(w, "open-size", record.OpenSize);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteChecksum(System.Xml.XmlWriter w, string element, RepoChecksum checksum)
    {
        w.WriteStartElement(element, RpmMdXml.RepoNamespace);
        w.WriteAttributeString("type", checksum.Type);
        w.WriteString(checksum.Hex);
        w.WriteEndElement();
    }

    private static void Optional(System.Xml.XmlWriter w, string element, long? value)
    {
        if (value is { } v)
        {
            w.WriteElementString(element, RpmMdXml.RepoNamespace, RpmMdXml.Number(v));
        }
    }
}
