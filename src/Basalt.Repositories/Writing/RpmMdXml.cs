using System.Globalization;
using System.Text;
using System.Xml;
using Basalt.Packaging;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Writes the rpm-md XML documents (primary, filelists, other, repomd) in createrepo_c's element order and
/// namespaces; the layout (two-space indentation, LF) is fixed so the same input gives the same bytes.
/// </summary>
internal static class RpmMdXml
{
    public const string CommonNamespace = "http://linux.duke.edu/metadata/common";
    public const string RpmNamespace = "http://linux.duke.edu/metadata/rpm";
    public const string FilelistsNamespace = "http://linux.duke.edu/metadata/filelists";
    public const string OtherNamespace = "http://linux.duke.edu/metadata/other";
    public const string RepoNamespace = "http://linux.duke.edu/metadata/repo";

    public static XmlWriter CreateWriter(Stream output) => XmlWriter.Create(output, new XmlWriterSettings
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.None,
        CloseOutput = false,
    });

    public static void WritePrimaryPackage(XmlWriter w, RpmMdPackage p)
    {
        w.WriteStartElement("package", CommonNamespace);
        w.WriteAttributeString("type", "rpm");
        w.WriteElementString("name", CommonNamespace, p.Nevra.Name);
        w.WriteElementString("arch", CommonNamespace, p.Nevra.Arch);
        WriteVersion(w, p.Nevra, CommonNamespace);
        w.WriteStartElement("checksum", CommonNamespace);
        w.WriteAttributeString("type", p.Checksum.Type);
        w.WriteAttributeString("pkgid", "YES");
        w.WriteString(p.Checksum.Hex);
        w.WriteEndElement();
        w.WriteElementString("summary", CommonNamespace, p.Summary);
        w.WriteElementString("description", CommonNamespace, p.Description);
        w.WriteElementString("packager", CommonNamespace, p.Packager);
        w.WriteElementString("url", CommonNamespace, p.Url);
        w.WriteStartElement("time", CommonNamespace);
        w.WriteAttributeString("file", Number(p.FileTime));
        w.WriteAttributeString("build", Number(p.BuildTime));
        w.WriteEndElement();
        w.WriteStartElement("size", CommonNamespace);
        w.WriteAttributeString("package", Number(p.PackageSize));
        w.WriteAttributeString("installed", Number(p.InstalledSize));
        w.WriteAttributeString("archive", Number(p.ArchiveSize));
        w.WriteEndElement();
        w.WriteStartElement("location", CommonNamespace);
        w.WriteAttributeString("href", p.Location);
        w.WriteEndElement();
        w.WriteStartElement("format", CommonNamespace);
        w.WriteElementString("license", RpmNamespace, p.License);
        w.WriteElementString("vendor", RpmNamespace, p.Vendor);
        w.WriteElementString("group", RpmNamespace, p.Group);
        w.WriteElementString("buildhost", RpmNamespace, p.BuildHost);
        w.WriteElementString("sourcerpm", RpmNamespace, p.SourceRpm);
        w.WriteStartElement("header-range", RpmNamespace);
        w.WriteAttributeString("start", Number(p.HeaderStart));
        w.WriteAttributeString("end", Number(p.HeaderEnd));
        w.WriteEndElement();
        WriteEntries(w, "provides", p.Provides, withPre: false);
        WriteEntries(w, "requires", p.Requires, withPre: true);
        WriteEntries(w, "conflicts", p.Conflicts, withPre: false);
        WriteEntries(w, "obsoletes", p.Obsoletes, withPre: false);
        WriteEntries(w, "suggests", p.Suggests, withPre: false);
        WriteEntries(w, "enhances", p.Enhances, withPre: false);
        WriteEntries(w, "recommends", p.Recommends, withPre: false);
        WriteEntries(w, "supplements", p.Supplements, withPre: false);
        foreach (var file in p.Files)
        {
            if (PackageMetadata.IsPrimaryFile(file.Path))
            {
                WriteFile(w, file, CommonNamespace);
            }
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteFilelistsPackage(XmlWriter w, RpmMdPackage p)
    {
        StartSecondary(w, p, FilelistsNamespace);
        foreach (var file in p.Files)
        {
            WriteFile(w, file, FilelistsNamespace);
        }

        w.WriteEndElement();
    }

    public static void WriteOtherPackage(XmlWriter w, RpmMdPackage p)
    {
        StartSecondary(w, p, OtherNamespace);
        foreach (var entry in p.Changelogs)
        {
            w.WriteStartElement("changelog", OtherNamespace);
            w.WriteAttributeString("author", entry.Author);
            w.WriteAttributeString("date", Number(entry.Date));
            w.WriteString(entry.Text);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void StartSecondary(XmlWriter w, RpmMdPackage p, string ns)
    {
        w.WriteStartElement("package", ns);
        w.WriteAttributeString("pkgid", p.PkgId);
        w.WriteAttributeString("name", p.Nevra.Name);
        w.WriteAttributeString("arch", p.Nevra.Arch);
        WriteVersion(w, p.Nevra, ns);
    }

    private static void WriteVersion(XmlWriter w, Nevra nevra, string ns)
    {
        w.WriteStartElement("version", ns);
        w.WriteAttributeString("epoch", Number(nevra.Epoch ?? 0));
        w.WriteAttributeString("ver", nevra.Version);
        w.WriteAttributeString("rel", nevra.Release);
        w.WriteEndElement();
    }

    private static void WriteFile(XmlWriter w, RpmMdFile file, string ns)
    {
        w.WriteStartElement("file", ns);
        if (RpmMdFile.TypeName(file.Type) is { } type)
        {
            w.WriteAttributeString("type", type);
        }

        w.WriteString(file.Path);
        w.WriteEndElement();
    }

    private static void WriteEntries(XmlWriter w, string element, IReadOnlyList<Dependency> dependencies, bool withPre)
    {
        if (dependencies.Count == 0)
        {
            return;
        }

        w.WriteStartElement(element, RpmNamespace);
        foreach (var d in dependencies)
        {
            w.WriteStartElement("entry", RpmNamespace);
            w.WriteAttributeString("name", d.Name);
            if (DependencyEntries.FlagsName(d.Flags) is { } flags)
            {
                w.WriteAttributeString("flags", flags);
            }

            if (d.Version.Length > 0)
            {
                var (epoch, version, release) = DependencyEntries.SplitEvr(d.Version);
                w.WriteAttributeString("epoch", epoch);
                w.WriteAttributeString("ver", version);
                if (release is not null)
                {
                    w.WriteAttributeString("rel", release);
                }
            }

            if (withPre && (d.Flags & DependencyEntries.PreFlags) != 0)
            {
                w.WriteAttributeString("pre", "1");
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
