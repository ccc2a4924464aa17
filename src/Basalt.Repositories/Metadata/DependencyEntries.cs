using System.Xml;
using Basalt.Packaging;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// The <c>&lt;rpm:entry name flags epoch ver rel pre/&gt;</c> encoding of one dependency (rpm-md primary format),
/// read and written. createrepo_c splits the header's EVR into attributes and writes epoch="0" when there is none.
/// </summary>
internal static class DependencyEntries
{
    /// <summary>Dependency flags that createrepo_c marks pre="1": legacy PreReq, Requires(pre) and Requires(post).</summary>
    public const DependencyFlags PreFlags = DependencyFlags.Prereq | DependencyFlags.ScriptPre | DependencyFlags.ScriptPost;

    /// <summary>The flags attribute for a sense, or null when the dependency is unversioned.</summary>
    public static string? FlagsName(DependencyFlags flags) => (flags & DependencyFlagsExtensions.SenseMask) switch
    {
        DependencyFlags.Equal => "EQ",
        DependencyFlags.Less => "LT",
        DependencyFlags.Greater => "GT",
        DependencyFlags.Less | DependencyFlags.Equal => "LE",
        DependencyFlags.Greater | DependencyFlags.Equal => "GE",
        _ => null,
    };

    /// <summary>Reads one rpm:entry element (the reader is on it) and moves past it.</summary>
    public static Dependency Read(XmlReader reader, StringPool pool, string source)
    {
        // One pass over the attributes: this is the most frequent element of primary.xml.
        string? name = null, flagsText = null, epoch = null, version = null, release = null;
        bool pre = false;
        while (reader.MoveToNextAttribute())
        {
            switch (reader.LocalName)
            {
                case "name": name = reader.Value; break;
                case "flags": flagsText = reader.Value; break;
                case "epoch": epoch = reader.Value; break;
                case "ver": version = reader.Value; break;
                case "rel": release = reader.Value; break;
                case "pre": pre = reader.Value is "1" or "true"; break;
                default: break;
            }
        }

        reader.MoveToElement();
        if (name is null)
        {
            throw new InvalidDataException($"{XmlParsing.Where(reader, source)}: <rpm:entry> has no name attribute.");
        }

        var flags = flagsText switch
        {
            null => DependencyFlags.None,
            "EQ" => DependencyFlags.Equal,
            "LT" => DependencyFlags.Less,
            "GT" => DependencyFlags.Greater,
            "LE" => DependencyFlags.Less | DependencyFlags.Equal,
            "GE" => DependencyFlags.Greater | DependencyFlags.Equal,
            _ => throw new InvalidDataException($"{XmlParsing.Where(reader, source)}: <rpm:entry name=\"{name}\"> has unknown flags \"{flagsText}\" (expected EQ, LT, GT, LE or GE)."),
        };
        if (pre)
        {
            flags |= DependencyFlags.ScriptPre;
        }

        var evr = ComposeEvr(epoch, version, release);
        reader.Skip();
        return pool.Intern(new Dependency(pool.Intern(name), flags, evr.Length == 0 ? "" : pool.Intern(evr)));
    }

    /// <summary>"[epoch:]ver[-rel]" as an rpm header stores it; epoch "0" is dropped because rpm treats a missing epoch as 0.</summary>
    public static string ComposeEvr(string? epoch, string? version, string? release)
    {
        if (string.IsNullOrEmpty(version))
        {
            return "";
        }

        var evr = string.IsNullOrEmpty(release) ? version : version + "-" + release;
        return string.IsNullOrEmpty(epoch) || epoch == "0" ? evr : epoch + ":" + evr;
    }

    /// <summary>Splits a header EVR "[epoch:]ver[-rel]" into the attribute values createrepo_c writes.</summary>
    public static (string Epoch, string Version, string? Release) SplitEvr(string evr)
    {
        int colon = evr.IndexOf(':');
        string epoch = "0";
        if (colon >= 0 && evr.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            epoch = colon == 0 ? "0" : evr[..colon];
            evr = evr[(colon + 1)..];
        }

        int dash = evr.LastIndexOf('-');
        return dash < 0 ? (epoch, evr, null) : (epoch, evr[..dash], evr[(dash + 1)..]);
    }
}
