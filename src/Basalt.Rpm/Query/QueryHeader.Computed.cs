using System.Text;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;

namespace Basalt.Rpm.Query;

/// <summary>Extension tags computed per file or per trigger, and the legacy-header conversion.</summary>
internal sealed partial class QueryHeader
{
    private int FileCount => RawStrings((int)RpmTag.BaseNames)?.Length ?? 0;

    /// <summary>FILECLASS: each file's class text from CLASSDICT ("" when the package has none).</summary>
    private QueryValue? FileClasses()
    {
        var count = FileCount;
        if (count == 0)
        {
            return null;
        }

        var indexes = RawNumbers((int)RpmTag.FileClass);
        var dictionary = RawStrings((int)RpmTag.ClassDict);
        var modes = RawNumbers((int)RpmTag.FileModes) ?? [];
        var links = RawStrings((int)RpmTag.FileLinkTos) ?? [];
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = indexes is not null && dictionary is not null && i < indexes.Length && indexes[i] < (ulong)dictionary.Length
                ? dictionary[(int)indexes[i]]
                : [];
            // Without a stored class rpm describes symlinks and directories itself, as file(1) would.
            var mode = i < modes.Length ? modes[i] & 0xF000 : 0;
            if (result[i].Length == 0 && mode == 0xA000)
            {
                result[i] = [.. "symbolic link to `"u8, .. i < links.Length ? links[i] : [], (byte)'\''];
            }
            else if (result[i].Length == 0 && mode == 0x4000)
            {
                result[i] = "directory"u8.ToArray();
            }
        }

        return QueryValue.FromStrings((int)RpmTag.FileClass, RpmTagType.StringArray, result);
    }

    /// <summary>
    /// FILEPROVIDE / FILEREQUIRE: per file, the DEPENDSDICT entries FILEDEPENDSX/N point at whose type byte is
    /// <paramref name="type"/>; each names a dependency by index, printed as its DNEVR, separated by spaces.
    /// </summary>
    private QueryValue? FileDependencies(int tag, byte type, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag)
    {
        var count = FileCount;
        if (count == 0)
        {
            return null;
        }

        var starts = RawNumbers((int)RpmTag.FileDependsX);
        var lengths = RawNumbers((int)RpmTag.FileDependsN);
        var dictionary = RawNumbers((int)RpmTag.DependsDict);
        var names = RawStrings((int)nameTag) ?? [];
        var flags = RawNumbers((int)flagsTag) ?? [];
        var versions = RawStrings((int)versionTag) ?? [];
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var items = new List<byte[]>();
            if (starts is not null && lengths is not null && dictionary is not null && i < starts.Length && i < lengths.Length)
            {
                for (var k = 0UL; k < lengths[i] && starts[i] + k < (ulong)dictionary.Length; k++)
                {
                    var entry = dictionary[(int)(starts[i] + k)];
                    var index = (int)(entry & 0x00FFFFFF);
                    if ((byte)(entry >> 24) != type || index >= names.Length)
                    {
                        continue;
                    }

                    items.Add(Dnevr(names[index], index < flags.Length ? flags[index] : 0, index < versions.Length ? versions[index] : []));
                }
            }

            result[i] = Join(items, " "u8);
        }

        return QueryValue.FromStrings(tag, RpmTagType.StringArray, result);
    }

    /// <summary>TRIGGERCONDS and the file-trigger variants: per script, its conditions joined with ", ".</summary>
    private QueryValue? TriggerConditions(int tag, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag, RpmTag indexTag, RpmTag scriptsTag)
    {
        var names = RawStrings((int)nameTag);
        if (names is null)
        {
            return null;
        }

        var flags = RawNumbers((int)flagsTag) ?? [];
        var versions = RawStrings((int)versionTag) ?? [];
        var indexes = RawNumbers((int)indexTag) ?? [];
        var scripts = RawStrings((int)scriptsTag)?.Length ?? 0;
        var result = new byte[scripts][];
        for (var i = 0; i < scripts; i++)
        {
            var items = new List<byte[]>();
            for (var j = 0; j < names.Length; j++)
            {
                if (j >= indexes.Length || indexes[j] != (ulong)i)
                {
                    continue;
                }

                var flag = j < flags.Length ? flags[j] : 0;
                items.Add((flag & 0x0E) != 0
                    ? [.. names[j], (byte)' ', .. Encoding.ASCII.GetBytes(QueryFormatters.DepFlags(flag)), (byte)' ', .. j < versions.Length ? versions[j] : []]
                    : names[j]);
            }

            result[i] = Join(items, ", "u8);
        }

        return QueryValue.FromStrings(tag, RpmTagType.StringArray, result);
    }

    /// <summary>TRIGGERTYPE and variants: per script, the kind of its first condition.</summary>
    private QueryValue? TriggerTypes(int tag, RpmTag flagsTag, RpmTag indexTag, RpmTag scriptsTag)
    {
        var indexes = RawNumbers((int)indexTag);
        if (indexes is null)
        {
            return null;
        }

        var flags = RawNumbers((int)flagsTag) ?? [];
        var scripts = RawStrings((int)scriptsTag)?.Length ?? 0;
        var result = new byte[scripts][];
        for (var i = 0; i < scripts; i++)
        {
            result[i] = [];
            for (var j = 0; j < indexes.Length; j++)
            {
                if (indexes[j] == (ulong)i)
                {
                    result[i] = Encoding.ASCII.GetBytes(QueryFormatters.TriggerType(j < flags.Length ? flags[j] : 0));
                    break;
                }
            }
        }

        return QueryValue.FromStrings(tag, RpmTagType.StringArray, result);
    }

    private QueryValue? FileLinkCounts(int tag)
    {
        var count = FileCount;
        if (count == 0)
        {
            return null;
        }

        var modes = Pad(RawNumbers((int)RpmTag.FileModes), count);
        var devices = Pad(RawNumbers((int)RpmTag.FileDevices), count);
        var inodes = Pad(RawNumbers((int)RpmTag.FileInodes), count);
        var links = RpmPackageInfo.CountLinks(modes, devices, inodes);
        return QueryValue.FromNumbers(tag, RpmTagType.Int32, Array.ConvertAll(links, l => (ulong)l));
    }

    private static ulong[] Pad(ulong[]? values, int count)
    {
        var result = new ulong[count];
        values?.AsSpan(0, Math.Min(values.Length, count)).CopyTo(result);
        return result;
    }

    private static byte[] Join(List<byte[]> items, ReadOnlySpan<byte> separator)
    {
        var result = new List<byte>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                result.AddRange(separator);
            }

            result.AddRange(items[i]);
        }

        return [.. result];
    }

    /// <summary>
    /// rpm converts headers without an immutable region (rpm 3 era) on read: OLDFILENAMES becomes the
    /// DIRNAMES/BASENAMES/DIRINDEXES triple, and a binary package gains "Provides: name = [epoch:]version-release".
    /// </summary>
    private void RetrofitLegacy()
    {
        if (RawStrings((int)RpmTag.OldFileNames) is { Length: > 0 } oldNames)
        {
            var dirs = new List<byte[]>();
            var dirIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var bases = new byte[oldNames.Length][];
            var indexes = new ulong[oldNames.Length];
            for (var i = 0; i < oldNames.Length; i++)
            {
                var slash = Array.LastIndexOf(oldNames[i], (byte)'/') + 1;
                var dir = oldNames[i][..slash];
                // Latin-1 maps bytes to chars one to one, so it makes an exact dictionary key.
                var key = Encoding.Latin1.GetString(dir);
                if (!dirIndex.TryGetValue(key, out var found))
                {
                    dirs.Add(dir);
                    found = dirs.Count - 1;
                    dirIndex[key] = found;
                }

                indexes[i] = (ulong)found;
                bases[i] = oldNames[i][slash..];
            }

            _removed.Add((int)RpmTag.OldFileNames);
            _added[(int)RpmTag.DirIndexes] = QueryValue.FromNumbers((int)RpmTag.DirIndexes, RpmTagType.Int32, indexes);
            _added[(int)RpmTag.BaseNames] = QueryValue.FromStrings((int)RpmTag.BaseNames, RpmTagType.StringArray, bases);
            _added[(int)RpmTag.DirNames] = QueryValue.FromStrings((int)RpmTag.DirNames, RpmTagType.StringArray, [.. dirs]);
        }

        if (!IsSource && RawString((int)RpmTag.Name) is { } name)
        {
            ProvideSelf(name, Nevra(name: false, epoch: true, arch: false));
        }
    }

    /// <summary>rpm 4.18 appends the self-provide to a legacy header even when an equal one is already there.</summary>
    private void ProvideSelf(byte[] name, byte[] evr)
    {
        var names = RawStrings((int)RpmTag.ProvideName) ?? [];
        var flags = RawNumbers((int)RpmTag.ProvideFlags) ?? new ulong[names.Length];
        var versions = RawStrings((int)RpmTag.ProvideVersion) ?? [.. names.Select(_ => Array.Empty<byte>())];
        _added[(int)RpmTag.ProvideName] = QueryValue.FromStrings((int)RpmTag.ProvideName, RpmTagType.StringArray, [.. names, name]);
        _added[(int)RpmTag.ProvideFlags] = QueryValue.FromNumbers((int)RpmTag.ProvideFlags, RpmTagType.Int32, [.. flags, 0x08]);
        _added[(int)RpmTag.ProvideVersion] = QueryValue.FromStrings((int)RpmTag.ProvideVersion, RpmTagType.StringArray, [.. versions, evr]);
    }
}
