using Basalt.Packaging;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Metadata;

/// <summary>Scriptlets (script, interpreter and flags tags per kind) and the three trigger families.</summary>
public sealed partial class RpmPackageInfo
{
    /// <summary>Each scriptlet kind with its body, interpreter and flags tags (rpmtag.h), in execution order.</summary>
    internal static readonly (RpmScriptletKind Kind, RpmTag Script, RpmTag Program, RpmTag Flags)[] ScriptletTags =
    [
        (RpmScriptletKind.PreTrans, RpmTag.PreTrans, RpmTag.PreTransProg, RpmTag.PreTransFlags),
        (RpmScriptletKind.Pre, RpmTag.PreIn, RpmTag.PreInProg, RpmTag.PreInFlags),
        (RpmScriptletKind.Post, RpmTag.PostIn, RpmTag.PostInProg, RpmTag.PostInFlags),
        (RpmScriptletKind.PreUn, RpmTag.PreUn, RpmTag.PreUnProg, RpmTag.PreUnFlags),
        (RpmScriptletKind.PostUn, RpmTag.PostUn, RpmTag.PostUnProg, RpmTag.PostUnFlags),
        (RpmScriptletKind.PostTrans, RpmTag.PostTrans, RpmTag.PostTransProg, RpmTag.PostTransFlags),
        (RpmScriptletKind.PreUnTrans, RpmTag.PreUnTrans, RpmTag.PreUnTransProg, RpmTag.PreUnTransFlags),
        (RpmScriptletKind.PostUnTrans, RpmTag.PostUnTrans, RpmTag.PostUnTransProg, RpmTag.PostUnTransFlags),
        (RpmScriptletKind.Verify, RpmTag.VerifyScript, RpmTag.VerifyScriptProg, RpmTag.VerifyScriptFlags),
    ];

    private static readonly (RpmTriggerScope Scope, RpmTag Scripts, RpmTag Programs, RpmTag ScriptFlags, RpmTag Name, RpmTag Version, RpmTag Flags, RpmTag Index, RpmTag? Priorities)[] TriggerTags =
    [
        (RpmTriggerScope.Package, RpmTag.TriggerScripts, RpmTag.TriggerScriptProg, RpmTag.TriggerScriptFlags,
            RpmTag.TriggerName, RpmTag.TriggerVersion, RpmTag.TriggerFlags, RpmTag.TriggerIndex, null),
        (RpmTriggerScope.File, RpmTag.FileTriggerScripts, RpmTag.FileTriggerScriptProg, RpmTag.FileTriggerScriptFlags,
            RpmTag.FileTriggerName, RpmTag.FileTriggerVersion, RpmTag.FileTriggerFlags, RpmTag.FileTriggerIndex, RpmTag.FileTriggerPriorities),
        (RpmTriggerScope.TransactionFile, RpmTag.TransFileTriggerScripts, RpmTag.TransFileTriggerScriptProg, RpmTag.TransFileTriggerScriptFlags,
            RpmTag.TransFileTriggerName, RpmTag.TransFileTriggerVersion, RpmTag.TransFileTriggerFlags, RpmTag.TransFileTriggerIndex, RpmTag.TransFileTriggerPriorities),
    ];

    private static RpmScriptlet[] ReadScriptlets(RpmHeader header)
    {
        var result = new List<RpmScriptlet>();
        foreach (var (kind, script, program, flags) in ScriptletTags)
        {
            if (!header.Contains(script) && !header.Contains(program))
            {
                continue;
            }

            // The interpreter is a STRING in old packages and a STRING_ARRAY (program and arguments) since rpm 4.4.
            var interpreter = HeaderArrays.Strings(header, program) ?? [];
            var scriptFlags = (RpmScriptletFlags)(uint)(HeaderArrays.Number(header, flags) ?? 0);
            result.Add(new RpmScriptlet(kind, interpreter, HeaderArrays.String(header, script), scriptFlags));
        }

        return [.. result];
    }

    private static RpmTrigger[] ReadTriggers(RpmHeader header)
    {
        var result = new List<RpmTrigger>();
        foreach (var tags in TriggerTags)
        {
            var scripts = HeaderArrays.Strings(header, tags.Scripts);
            if (scripts is null)
            {
                continue;
            }

            var n = scripts.Length;
            var programs = HeaderArrays.ParallelStrings(header, tags.Programs, n, tags.Scripts);
            var scriptFlags = HeaderArrays.ParallelNumbers(header, tags.ScriptFlags, n, tags.Scripts);
            var priorities = tags.Priorities is { } p ? HeaderArrays.ParallelNumbers(header, p, n, tags.Scripts) : new ulong[n];
            var conditions = ReadDependencies(header, tags.Name, tags.Flags, tags.Version);
            var indexes = HeaderArrays.ParallelNumbers(header, tags.Index, conditions.Length, tags.Name);
            var perScript = new List<Dependency>[n];
            for (var i = 0; i < n; i++)
            {
                perScript[i] = [];
            }

            for (var i = 0; i < conditions.Length; i++)
            {
                if (indexes[i] >= (ulong)n)
                {
                    throw new InvalidDataException($"Tag '{HeaderArrays.TagName((int)tags.Index)}' element {i} is {indexes[i]}, but '{HeaderArrays.TagName((int)tags.Scripts)}' has {n} scripts.");
                }

                perScript[(int)indexes[i]].Add(conditions[i]);
            }

            for (var i = 0; i < n; i++)
            {
                var kind = perScript[i].Count == 0 ? RpmTriggerKind.In : KindOf(perScript[i][0].Flags);
                result.Add(new RpmTrigger(tags.Scope, kind, perScript[i], programs[i], scripts[i],
                    (RpmScriptletFlags)(uint)scriptFlags[i], (int)(uint)priorities[i]));
            }
        }

        return [.. result];
    }

    private static RpmTriggerKind KindOf(DependencyFlags flags) =>
        (flags & DependencyFlags.TriggerPrein) != 0 ? RpmTriggerKind.PreIn
        : (flags & DependencyFlags.TriggerUn) != 0 ? RpmTriggerKind.Un
        : (flags & DependencyFlags.TriggerPostun) != 0 ? RpmTriggerKind.PostUn
        : RpmTriggerKind.In;
}
