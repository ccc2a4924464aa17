using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Query;

/// <summary>
/// rpm 4.18's extension tags (lib/tagexts.c): values computed from other tags when a format asks for them.
/// An extension that has nothing to report returns null, which prints "(none)" like an absent tag.
/// </summary>
internal sealed partial class QueryHeader
{
    private static readonly HashSet<int> Extensions =
    [
        1004, 1005, 1016, 1141, 5000, 5007, 5001, 5002, 5005, 5086, 5088, 5006, 5087, 5089, 5008, 271, 5009, 270,
        1195, 5013, 5014, 5015, 1196, 5016, 5017, 5018, 5019, 5040, 5041, 5042, 5043, 5044, 5058, 5059, 5060, 5061, 5045,
    ];

    private static bool IsExtension(int tag) => Extensions.Contains(tag);

    private QueryValue? Extension(int tag) => tag switch
    {
        // SUMMARY, DESCRIPTION, GROUP: i18n look-aside without %_i18ndomains is the plain value.
        1004 or 1005 or 1016 => Plain(tag),
        1141 => FileClasses(),
        5000 => Strings(tag, FileNames(RpmTag.BaseNames, RpmTag.DirNames, RpmTag.DirIndexes)),
        5040 => InstalledFileNames(tag),
        5007 => Strings(tag, FileNames(RpmTag.OrigBaseNames, RpmTag.OrigDirNames, RpmTag.OrigDirIndexes)),
        5001 => FileDependencies(tag, (byte)'P', RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion),
        5002 => FileDependencies(tag, (byte)'R', RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion),
        5005 => TriggerConditions(tag, RpmTag.TriggerName, RpmTag.TriggerFlags, RpmTag.TriggerVersion, RpmTag.TriggerIndex, RpmTag.TriggerScripts),
        5086 => TriggerConditions(tag, RpmTag.FileTriggerName, RpmTag.FileTriggerFlags, RpmTag.FileTriggerVersion, RpmTag.FileTriggerIndex, RpmTag.FileTriggerScripts),
        5088 => TriggerConditions(tag, RpmTag.TransFileTriggerName, RpmTag.TransFileTriggerFlags, RpmTag.TransFileTriggerVersion, RpmTag.TransFileTriggerIndex, RpmTag.TransFileTriggerScripts),
        5006 => TriggerTypes(tag, RpmTag.TriggerFlags, RpmTag.TriggerIndex, RpmTag.TriggerScripts),
        5087 => TriggerTypes(tag, RpmTag.FileTriggerFlags, RpmTag.FileTriggerIndex, RpmTag.FileTriggerScripts),
        5089 => TriggerTypes(tag, RpmTag.TransFileTriggerFlags, RpmTag.TransFileTriggerIndex, RpmTag.TransFileTriggerScripts),
        5008 => Widened(tag, (int)RpmTag.LongFileSizes, (int)RpmTag.FileSizes),
        271 => Widened(tag, 271, (int)RpmTag.ArchiveSize),
        5009 => Widened(tag, (int)RpmTag.LongSize, (int)RpmTag.Size),
        270 => Widened(tag, 270, (int)RpmTag.SigSize),
        // A package file is not in a database: instance 0. VERBOSE reports rpm's -v, which a query never has here.
        1195 => QueryValue.FromNumbers(tag, RpmTagType.Int32, [0]),
        5018 => null,
        5013 => Text(tag, Nevra(name: false, epoch: true, arch: false)),
        5014 => Text(tag, Nevra(name: true, epoch: false, arch: false)),
        5015 => Text(tag, Nevra(name: true, epoch: true, arch: false)),
        1196 => Text(tag, Nevra(name: true, epoch: false, arch: true)),
        5016 => Text(tag, Nevra(name: true, epoch: true, arch: true)),
        5017 => QueryValue.FromNumbers(tag, RpmTagType.Int32, [HeaderColor()]),
        5019 => QueryValue.FromNumbers(tag, RpmTagType.Int32, [RawNumbers((int)RpmTag.Epoch) is [var e, ..] ? e & 0xFFFFFFFF : 0]),
        5041 => DependencyStrings(tag, RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion),
        5042 => DependencyStrings(tag, RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion),
        5043 => DependencyStrings(tag, RpmTag.ObsoleteName, RpmTag.ObsoleteFlags, RpmTag.ObsoleteVersion),
        5044 => DependencyStrings(tag, RpmTag.ConflictName, RpmTag.ConflictFlags, RpmTag.ConflictVersion),
        5058 => DependencyStrings(tag, RpmTag.RecommendName, RpmTag.RecommendFlags, RpmTag.RecommendVersion),
        5059 => DependencyStrings(tag, RpmTag.SuggestName, RpmTag.SuggestFlags, RpmTag.SuggestVersion),
        5060 => DependencyStrings(tag, RpmTag.SupplementName, RpmTag.SupplementFlags, RpmTag.SupplementVersion),
        5061 => DependencyStrings(tag, RpmTag.EnhanceName, RpmTag.EnhanceFlags, RpmTag.EnhanceVersion),
        5045 => FileLinkCounts(tag),
        _ => null,
    };

    private static QueryValue? Strings(int tag, byte[][]? values) =>
        values is null || values.Length == 0 ? null : QueryValue.FromStrings(tag, RpmTagType.StringArray, values);

    private static QueryValue Text(int tag, byte[] value) => QueryValue.FromStrings(tag, RpmTagType.String, [value]);

    private byte[][]? RawStrings(int tag) => Raw(tag)?.Strings;

    private ulong[]? RawNumbers(int tag) => Raw(tag)?.Numbers;

    private byte[]? RawString(int tag) => RawStrings(tag) is [var first, ..] ? first : null;

    /// <summary>Full paths from a (basenames, dirnames, dirindexes) triple; null without basenames.</summary>
    internal byte[][]? FileNames(RpmTag baseTag, RpmTag dirTag, RpmTag indexTag)
    {
        var bases = RawStrings((int)baseTag);
        if (bases is null)
        {
            return null;
        }

        var dirs = RawStrings((int)dirTag) ?? [];
        var indexes = RawNumbers((int)indexTag) ?? [];
        if (indexes.Length != bases.Length)
        {
            throw new InvalidDataException($"Tag '{indexTag.ToString().ToUpperInvariant()}' has {indexes.Length} elements but '{baseTag.ToString().ToUpperInvariant()}' has {bases.Length}.");
        }

        var names = new byte[bases.Length][];
        for (var i = 0; i < bases.Length; i++)
        {
            if (indexes[i] >= (ulong)dirs.Length)
            {
                throw new InvalidDataException($"Tag '{indexTag.ToString().ToUpperInvariant()}' element {i} is {indexes[i]}, but '{dirTag.ToString().ToUpperInvariant()}' has {dirs.Length} entries.");
            }

            names[i] = [.. dirs[(int)indexes[i]], .. bases[i]];
        }

        return names;
    }

    /// <summary>
    /// INSTFILENAMES: the files FILESTATES marks installed (normal or net-shared). A package file has no states,
    /// so for <c>rpm -qp</c> the list is empty.
    /// </summary>
    private QueryValue? InstalledFileNames(int tag)
    {
        var states = RawNumbers((int)RpmTag.FileStates);
        var names = FileNames(RpmTag.BaseNames, RpmTag.DirNames, RpmTag.DirIndexes);
        if (states is null || names is null)
        {
            return null;
        }

        return Strings(tag, [.. names.Where((_, i) => i < states.Length && states[i] is 0 or 3)]);
    }

    /// <summary>An int64 view of a 64-bit tag, falling back to its 32-bit predecessor.</summary>
    private QueryValue? Widened(int tag, int wide, int narrow)
    {
        var value = Raw(wide) ?? Raw(narrow);
        return value?.Numbers is { } numbers ? QueryValue.FromNumbers(tag, RpmTagType.Int64, numbers) : null;
    }

    /// <summary>NEVRA and its subsets: each present part followed by its separator, as rpm's getNEVRA concatenates them.</summary>
    private byte[] Nevra(bool name, bool epoch, bool arch)
    {
        var result = new List<byte>();
        if (name && RawString((int)RpmTag.Name) is { } n)
        {
            result.AddRange(n);
            result.Add((byte)'-');
        }

        if (epoch && Raw((int)RpmTag.Epoch) is { } e)
        {
            result.AddRange(QueryFormatters.StringBytes(e, 0));
            result.Add((byte)':');
        }

        if (RawString((int)RpmTag.Version) is { } v)
        {
            result.AddRange(v);
            result.Add((byte)'-');
        }

        if (RawString((int)RpmTag.Release) is { } r)
        {
            result.AddRange(r);
        }

        if (arch)
        {
            var a = RawString((int)RpmTag.Arch) ?? (IsSource ? "src"u8.ToArray() : null);
            if (a is not null)
            {
                result.Add((byte)'.');
                result.AddRange(a);
            }
        }

        return [.. result];
    }

    private ulong HeaderColor()
    {
        ulong color = 0;
        foreach (var c in RawNumbers((int)RpmTag.FileColors) ?? [])
        {
            color |= c;
        }

        return color & 0x0F;
    }

    /// <summary>Each dependency as rpm's DNEVR without the type prefix: "name", "name &gt;= evr", ….</summary>
    private QueryValue? DependencyStrings(int tag, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag)
    {
        var names = RawStrings((int)nameTag);
        if (names is null)
        {
            return null;
        }

        var flags = RawNumbers((int)flagsTag) ?? [];
        var versions = RawStrings((int)versionTag) ?? [];
        var result = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = Dnevr(names[i], i < flags.Length ? flags[i] : 0, i < versions.Length ? versions[i] : []);
        }

        return QueryValue.FromStrings(tag, RpmTagType.StringArray, result);
    }

    internal static byte[] Dnevr(byte[] name, ulong flags, byte[] version)
    {
        var result = new List<byte>(name);
        var op = QueryFormatters.DepFlags(flags);
        if (op.Length > 0)
        {
            result.Add((byte)' ');
            result.AddRange(Encoding.ASCII.GetBytes(op));
        }

        if (version.Length > 0)
        {
            result.Add((byte)' ');
            result.AddRange(version);
        }

        return [.. result];
    }
}
