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

    /// <summary>
    /// Reads the attributes of the rpm:entry element the reader is on (the caller skips the element). The most frequent
    /// element of primary.xml: one pass over the attributes, the EVR composed in a stack buffer, and every string and
    /// the dependency itself looked up in the pool before anything is allocated.
    /// </summary>
    public static Dependency Read(Utf8XmlReader xml, StringPool pool)
    {
        int name = -1, flagsText = -1, epoch = -1, version = -1, release = -1;
        bool pre = false;
        for (int i = 0; i < xml.AttributeCount; i++)
        {
            var local = xml.AttributeLocalName(i);
            if (local.SequenceEqual("name"u8))
            {
                name = i;
            }
            else if (local.SequenceEqual("flags"u8))
            {
                flagsText = i;
            }
            else if (local.SequenceEqual("epoch"u8))
            {
                epoch = i;
            }
            else if (local.SequenceEqual("ver"u8))
            {
                version = i;
            }
            else if (local.SequenceEqual("rel"u8))
            {
                release = i;
            }
            else if (local.SequenceEqual("pre"u8))
            {
                pre = xml.AttributeValue(i) is "1" or "true";
            }
        }

        if (name < 0)
        {
            throw new InvalidDataException($"{xml.Where}: <rpm:entry> has no name attribute.");
        }

        var flags = flagsText < 0 ? DependencyFlags.None : xml.AttributeValue(flagsText) switch
        {
            "EQ" => DependencyFlags.Equal,
            "LT" => DependencyFlags.Less,
            "GT" => DependencyFlags.Greater,
            "LE" => DependencyFlags.Less | DependencyFlags.Equal,
            "GE" => DependencyFlags.Greater | DependencyFlags.Equal,
            var other => throw new InvalidDataException(
                $"{xml.Where}: <rpm:entry name=\"{xml.AttributeValue(name)}\"> has unknown flags \"{other}\" (expected EQ, LT, GT, LE or GE)."),
        };
        if (pre)
        {
            flags |= DependencyFlags.ScriptPre;
        }

        var versionText = version < 0 ? [] : xml.AttributeValue(version);
        string evr = "";
        if (!versionText.IsEmpty)
        {
            var epochText = epoch < 0 ? [] : xml.AttributeValue(epoch);
            var releaseText = release < 0 ? [] : xml.AttributeValue(release);
            bool withEpoch = !epochText.IsEmpty && epochText is not "0";
            int length = (withEpoch ? epochText.Length + 1 : 0) + versionText.Length + (releaseText.IsEmpty ? 0 : releaseText.Length + 1);
            Span<char> buffer = length <= 512 ? stackalloc char[length] : new char[length];
            evr = pool.Intern(ComposeEvr(buffer, withEpoch ? epochText : [], versionText, releaseText));
        }

        return pool.Intern(pool.Intern(xml.AttributeValue(name)), flags, evr);
    }

    /// <summary>Writes "[epoch:]ver[-rel]" into <paramref name="buffer"/> (exactly long enough) and returns it.</summary>
    private static ReadOnlySpan<char> ComposeEvr(Span<char> buffer, ReadOnlySpan<char> epoch, ReadOnlySpan<char> version, ReadOnlySpan<char> release)
    {
        int at = 0;
        if (!epoch.IsEmpty)
        {
            epoch.CopyTo(buffer);
            at = epoch.Length;
            buffer[at++] = ':';
        }

        version.CopyTo(buffer[at..]);
        at += version.Length;
        if (!release.IsEmpty)
        {
            buffer[at++] = '-';
            release.CopyTo(buffer[at..]);
        }

        return buffer;
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
