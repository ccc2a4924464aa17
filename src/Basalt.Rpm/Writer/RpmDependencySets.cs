using Basalt.Packaging;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// The dependency sets as rpmbuild stores them: the packager's entries plus what rpmbuild adds itself (the
/// "name = evr" self-provide, config(name) for packages with %config files, scriptlet interpreters and the rpmlib()
/// features the package uses), each set sorted by name, version and flags with exact duplicates merged (rpmdsMerge).
/// </summary>
internal static class RpmDependencySets
{
    private const DependencyFlags RpmLibFlags = DependencyFlags.RpmLib | DependencyFlags.Less | DependencyFlags.Equal;

    public static void Add(RpmHeaderBuilder header, RpmPackageDefinition package, RpmFileList files, RpmWriterOptions options)
    {
        var evr = package.Evr;
        var provides = new List<Dependency>(package.Provides) { new(package.Name, DependencyFlags.Equal, evr) };
        var requires = new List<Dependency>(package.Requires);
        if (files.HasConfigFiles)
        {
            var config = new Dependency($"config({package.Name})", DependencyFlags.Config | DependencyFlags.Equal, evr);
            provides.Add(config);
            requires.Add(config);
        }

        foreach (var scriptlet in package.Scriptlets)
        {
            if (!scriptlet.IsLua)
            {
                requires.Add(new Dependency(scriptlet.InterpreterWords[0], DependencyFlags.Interp | ScriptletContext(scriptlet.Kind), ""));
            }
        }

        requires.AddRange(RpmLibRequirements(package, files, options));
        Put(header, Sorted(provides), RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion);
        Put(header, Sorted(requires), RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion);
        Put(header, Sorted(package.Conflicts), RpmTag.ConflictName, RpmTag.ConflictFlags, RpmTag.ConflictVersion);
        Put(header, Sorted(package.Obsoletes), RpmTag.ObsoleteName, RpmTag.ObsoleteFlags, RpmTag.ObsoleteVersion);
        Put(header, Sorted(package.Recommends), RpmTag.RecommendName, RpmTag.RecommendFlags, RpmTag.RecommendVersion);
        Put(header, Sorted(package.Suggests), RpmTag.SuggestName, RpmTag.SuggestFlags, RpmTag.SuggestVersion);
        Put(header, Sorted(package.Supplements), RpmTag.SupplementName, RpmTag.SupplementFlags, RpmTag.SupplementVersion);
        Put(header, Sorted(package.Enhances), RpmTag.EnhanceName, RpmTag.EnhanceFlags, RpmTag.EnhanceVersion);
    }

    /// <summary>The RPMSENSE context bits rpmbuild gives a scriptlet's interpreter requirement.</summary>
    public static DependencyFlags ScriptletContext(RpmScriptletKind kind) => kind switch
    {
        RpmScriptletKind.Pre => DependencyFlags.ScriptPre,
        RpmScriptletKind.Post => DependencyFlags.ScriptPost,
        RpmScriptletKind.PreUn => DependencyFlags.ScriptPreun,
        RpmScriptletKind.PostUn => DependencyFlags.ScriptPostun,
        RpmScriptletKind.PreTrans => DependencyFlags.Pretrans,
        _ => DependencyFlags.Posttrans,
    };

    private static IEnumerable<Dependency> RpmLibRequirements(RpmPackageDefinition package, RpmFileList files, RpmWriterOptions options)
    {
        // The versions are the rpm releases that introduced each feature (rpm's lib/rpmds.c, rpmlibProvides).
        yield return RpmLib("CompressedFileNames", "3.0.4-1");
        if (files.Count > 0)
        {
            yield return RpmLib("FileDigests", "4.6.0-1");
        }

        yield return RpmLib("PayloadFilesHavePrefix", "4.0-1");
        if (files.HasHardLinks)
        {
            yield return RpmLib("PartialHardlinkSets", "4.0.4-1");
        }

        if (options.Compression == Compression.CompressionFormat.Zstd)
        {
            yield return RpmLib("PayloadIsZstd", "5.4.18-1");
        }

        if (AllDependencies(package).Any(d => d.IsRich))
        {
            yield return RpmLib("RichDependencies", "4.12.0-1");
        }

        if (package.Scriptlets.Any(s => !s.IsLua && s.InterpreterWords.Length > 1))
        {
            yield return RpmLib("ScriptletInterpreterArgs", "4.0.3-1");
        }

        if (package.Scriptlets.Any(s => s.IsLua))
        {
            yield return RpmLib("BuiltinLuaScripts", "4.2.2-1");
        }
    }

    private static IEnumerable<Dependency> AllDependencies(RpmPackageDefinition p) =>
        p.Requires.Concat(p.Provides).Concat(p.Conflicts).Concat(p.Obsoletes)
            .Concat(p.Recommends).Concat(p.Suggests).Concat(p.Supplements).Concat(p.Enhances);

    private static Dependency RpmLib(string feature, string version) => new($"rpmlib({feature})", RpmLibFlags, version);

    private static List<Dependency> Sorted(IEnumerable<Dependency> dependencies) =>
        dependencies
            .Distinct()
            .OrderBy(d => d.Name, Utf8PathComparer.Instance)
            .ThenBy(d => d.Version, Utf8PathComparer.Instance)
            .ThenBy(d => (uint)d.Flags)
            .ToList();

    private static void Put(RpmHeaderBuilder header, List<Dependency> set, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag)
    {
        if (set.Count == 0)
        {
            return;
        }

        header.AddStringArray((int)nameTag, set.ConvertAll(d => d.Name));
        header.AddInt32((int)flagsTag, set.ConvertAll(d => (uint)d.Flags));
        header.AddStringArray((int)versionTag, set.ConvertAll(d => d.Version));
    }
}
