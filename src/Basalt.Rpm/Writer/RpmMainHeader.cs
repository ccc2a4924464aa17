using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Builds the main header (region tag 63) with the tags rpmbuild 4.18 writes for a binary package: identity and
/// descriptive text, the compressed file list, dependencies, scriptlets, and the payload description and digests.
/// </summary>
internal static class RpmMainHeader
{
    /// <summary>RPMTAG_FILEDIGESTALGO value for SHA-256 (PGPHASHALGO_SHA256, RFC 4880 section 9.4).</summary>
    public const uint DigestAlgorithmSha256 = 8;

    /// <summary>What rpm records as the building rpm's version; Basalt names itself rather than pretend to be rpm.</summary>
    public const string RpmVersionText = "basalt";

    public static byte[] Build(RpmPackageDefinition package, RpmFileList files, RpmPayloadResult payload, RpmWriterOptions options, long buildTime)
    {
        var header = new RpmHeaderBuilder();
        header.AddStringArray(RpmFormat.HeaderI18NTableTag, ["C"]);
        header.AddString((int)RpmTag.Name, package.Name);
        header.AddString((int)RpmTag.Version, package.Version);
        header.AddString((int)RpmTag.Release, package.Release);
        if (package.Epoch is { } epoch)
        {
            header.AddInt32((int)RpmTag.Epoch, (uint)epoch);
        }

        header.AddI18NString((int)RpmTag.Summary, package.Summary);
        header.AddI18NString((int)RpmTag.Description, package.Description);
        header.AddInt32((int)RpmTag.BuildTime, (uint)buildTime);
        header.AddString((int)RpmTag.BuildHost, options.BuildHost);
        AddOptional(header, RpmTag.Vendor, package.Vendor);
        header.AddString((int)RpmTag.License, package.License);
        AddOptional(header, RpmTag.Packager, package.Packager);
        header.AddI18NString((int)RpmTag.Group, package.Group ?? "Unspecified");
        AddOptional(header, RpmTag.Url, package.Url);
        header.AddString((int)RpmTag.Os, "linux");
        header.AddString((int)RpmTag.Arch, package.Arch);
        // Without SOURCERPM rpm takes a package for a source package.
        header.AddString((int)RpmTag.SourceRpm, $"{package.Name}-{package.Version}-{package.Release}.src.rpm");
        header.AddString((int)RpmTag.RpmVersion, RpmVersionText);
        AddSize(header, files);
        RpmFileTags.Add(header, files, payload);
        RpmDependencySets.Add(header, package, files, options);
        AddScriptlets(header, package.Scriptlets);
        header.AddString((int)RpmTag.PayloadFormat, "cpio");
        header.AddString((int)RpmTag.PayloadCompressor, RpmWriterOptions.CompressorName(options.Compression));
        header.AddString((int)RpmTag.PayloadFlags, options.EffectiveLevel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        header.AddString((int)RpmTag.Encoding, "utf-8");
        header.AddStringArray((int)RpmTag.PayloadDigest, [payload.CompressedSha256]);
        header.AddInt32((int)RpmTag.PayloadDigestAlgo, DigestAlgorithmSha256);
        header.AddStringArray((int)RpmTag.PayloadDigestAlt, [payload.UncompressedSha256]);
        return header.Build(RpmFormat.HeaderImmutableTag);
    }

    private static void AddOptional(RpmHeaderBuilder header, RpmTag tag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            header.AddString((int)tag, value);
        }
    }

    /// <summary>RPMTAG_SIZE counts each hard-link set's content once; above 4 GiB rpm writes LONGSIZE instead.</summary>
    private static void AddSize(RpmHeaderBuilder header, RpmFileList files)
    {
        ulong total = 0;
        var seen = new HashSet<uint>();
        foreach (var item in files.Items)
        {
            if (item.File.Kind != RpmFileKind.Directory && seen.Add(item.Inode))
            {
                total = checked(total + (ulong)item.Size);
            }
        }

        if (total > uint.MaxValue)
        {
            header.AddInt64((int)RpmTag.LongSize, total);
        }
        else
        {
            header.AddInt32((int)RpmTag.Size, (uint)total);
        }
    }

    private static void AddScriptlets(RpmHeaderBuilder header, IReadOnlyList<RpmScriptlet> scriptlets)
    {
        foreach (var scriptlet in scriptlets)
        {
            var (body, prog) = Tags(scriptlet.Kind);
            // rpmbuild drops the body's trailing newlines.
            header.AddString((int)body, scriptlet.Body.TrimEnd('\n'));
            var words = scriptlet.IsLua ? [RpmScriptlet.LuaInterpreter] : scriptlet.InterpreterWords;
            if (words.Length == 1)
            {
                header.AddString((int)prog, words[0]);
            }
            else
            {
                header.AddStringArray((int)prog, words);
            }
        }
    }

    private static (RpmTag Body, RpmTag Prog) Tags(RpmScriptletKind kind) => kind switch
    {
        RpmScriptletKind.Pre => (RpmTag.PreIn, RpmTag.PreInProg),
        RpmScriptletKind.Post => (RpmTag.PostIn, RpmTag.PostInProg),
        RpmScriptletKind.PreUn => (RpmTag.PreUn, RpmTag.PreUnProg),
        RpmScriptletKind.PostUn => (RpmTag.PostUn, RpmTag.PostUnProg),
        RpmScriptletKind.PreTrans => (RpmTag.PreTrans, RpmTag.PreTransProg),
        _ => (RpmTag.PostTrans, RpmTag.PostTransProg),
    };
}
