using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>
/// Writes a package model as rpm-md metadata (repodata/repomd.xml + primary.xml.gz), the way createrepo_c lays it
/// out: each package's own "name = evr" provide, dependencies as rpm:entry elements, files in primary. No filelists:
/// every file a dependency names is a /usr/bin path, which primary carries.
/// </summary>
internal static class RpmMdWriter
{
    private const string Common = "http://linux.duke.edu/metadata/common";
    private const string Rpm = "http://linux.duke.edu/metadata/rpm";
    private const string Repo = "http://linux.duke.edu/metadata/repo";

    public static void Write(string directory, IReadOnlyList<PackageCandidate> packages)
    {
        string repodata = Path.Combine(directory, "repodata");
        Directory.CreateDirectory(repodata);
        byte[] primary = Primary(packages);
        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(primary);
            }

            compressed = buffer.ToArray();
        }

        string checksum = Convert.ToHexStringLower(SHA256.HashData(compressed));
        string location = $"repodata/{checksum}-primary.xml.gz";
        File.WriteAllBytes(Path.Combine(directory, location), compressed);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(Path.Combine(repodata, "repomd.xml"), settings);
        writer.WriteStartElement("repomd", Repo);
        writer.WriteAttributeString("xmlns", "rpm", null, Rpm);
        writer.WriteElementString("revision", Repo, "1");
        writer.WriteStartElement("data", Repo);
        writer.WriteAttributeString("type", "primary");
        Checksum(writer, "checksum", checksum);
        Checksum(writer, "open-checksum", Convert.ToHexStringLower(SHA256.HashData(primary)));
        writer.WriteStartElement("location", Repo);
        writer.WriteAttributeString("href", location);
        writer.WriteEndElement();
        writer.WriteElementString("timestamp", Repo, "1");
        writer.WriteElementString("size", Repo, compressed.Length.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("open-size", Repo, primary.Length.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void Checksum(XmlWriter writer, string element, string hex)
    {
        writer.WriteStartElement(element, Repo);
        writer.WriteAttributeString("type", "sha256");
        writer.WriteString(hex);
        writer.WriteEndElement();
    }

    private static byte[] Primary(IReadOnlyList<PackageCandidate> packages)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartElement("metadata", Common);
            writer.WriteAttributeString("xmlns", "rpm", null, Rpm);
            writer.WriteAttributeString("packages", packages.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var package in packages)
            {
                Package(writer, package);
            }

            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void Package(XmlWriter writer, PackageCandidate package)
    {
        var n = package.Nevra;
        writer.WriteStartElement("package", Common);
        writer.WriteAttributeString("type", "rpm");
        writer.WriteElementString("name", Common, n.Name);
        writer.WriteElementString("arch", Common, n.Arch);
        writer.WriteStartElement("version", Common);
        writer.WriteAttributeString("epoch", (n.Epoch ?? 0).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("ver", n.Version);
        writer.WriteAttributeString("rel", n.Release);
        writer.WriteEndElement();
        writer.WriteStartElement("checksum", Common);
        writer.WriteAttributeString("type", "sha256");
        writer.WriteAttributeString("pkgid", "YES");
        writer.WriteString(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(n.ToString()))));
        writer.WriteEndElement();
        writer.WriteElementString("summary", Common, n.Name);
        writer.WriteElementString("description", Common, n.Name);
        writer.WriteStartElement("location", Common);
        writer.WriteAttributeString("href", package.Location);
        writer.WriteEndElement();
        writer.WriteStartElement("format", Common);
        writer.WriteElementString("sourcerpm", Rpm, $"{n.Name}-{n.Version}-{n.Release}.src.rpm");
        Entries(writer, "provides", [new Dependency(n.Name, DependencyFlags.Equal, n.Evr.ToString()), .. package.Provides]);
        Entries(writer, "requires", package.Requires);
        Entries(writer, "conflicts", package.Conflicts);
        Entries(writer, "obsoletes", package.Obsoletes);
        Entries(writer, "recommends", package.Recommends);
        Entries(writer, "supplements", package.Supplements);
        foreach (string file in package.Files)
        {
            writer.WriteElementString("file", Common, file);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void Entries(XmlWriter writer, string element, IReadOnlyList<Dependency> dependencies)
    {
        if (dependencies.Count == 0)
        {
            return;
        }

        writer.WriteStartElement(element, Rpm);
        foreach (var dependency in dependencies)
        {
            writer.WriteStartElement("entry", Rpm);
            writer.WriteAttributeString("name", dependency.Name);
            if (dependency.IsVersioned)
            {
                writer.WriteAttributeString("flags", Flags(dependency.Sense));
                var evr = Evr.Parse(dependency.Version);
                writer.WriteAttributeString("epoch", (evr.Epoch ?? 0).ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("ver", evr.Version);
                if (evr.Release is { } release)
                {
                    writer.WriteAttributeString("rel", release);
                }
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    // rpm-md's flag names for the comparison senses (createrepo_c's cr_flag_to_str).
    private static string Flags(DependencyFlags sense) => sense switch
    {
        DependencyFlags.Equal => "EQ",
        DependencyFlags.Less => "LT",
        DependencyFlags.Greater => "GT",
        DependencyFlags.Less | DependencyFlags.Equal => "LE",
        DependencyFlags.Greater | DependencyFlags.Equal => "GE",
        _ => throw new ArgumentException($"Unexpected dependency sense '{sense}'.", nameof(sense)),
    };
}
