using System.Text;
using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Tests.Generated;

/// <summary>Writes packages and install jobs as a libsolv testcase (testtags, libsolv's rich syntax).</summary>
internal static class TestcaseWriter
{
    public static string Write(IReadOnlyList<PackageCandidate> available, IEnumerable<IReadOnlyList<string>> jobSections, bool weakDeps)
    {
        var text = new StringBuilder();
        text.Append("feature complex_deps\n");
        text.Append("repo system 0 empty\n");
        text.Append("repo available 0 testtags <inline>\n");
        foreach (var package in available)
        {
            var n = package.Nevra;
            text.Append($"#>=Pkg: {n.Name} {(n.Epoch is { } e ? e + ":" : "")}{n.Version} {n.Release} {n.Arch}\n");
            Tags(text, "Prv", package.Provides);
            Tags(text, "Req", package.Requires);
            Tags(text, "Con", package.Conflicts);
            Tags(text, "Obs", package.Obsoletes);
            Tags(text, "Rec", package.Recommends);
            foreach (string file in package.Files)
            {
                text.Append("#>=Fls: ").Append(file).Append('\n');
            }
        }

        text.Append("system x86_64 rpm system\n");
        bool first = true;
        foreach (var jobs in jobSections)
        {
            if (!first)
            {
                text.Append("nextjob\n");
            }

            first = false;
            if (!weakDeps)
            {
                text.Append("solverflags ignorerecommended\n");
            }

            foreach (string job in jobs)
            {
                text.Append("job install name ").Append(job).Append('\n');
            }

            text.Append("result transaction,problems <inline>\n");
        }

        return text.ToString();
    }

    private static void Tags(StringBuilder text, string tag, IReadOnlyList<Dependency> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            text.Append("#>=").Append(tag).Append(": ").Append(Libsolv(dependency)).Append('\n');
        }
    }

    /// <summary>A dependency in libsolv's testcase syntax: rpm's "(a or b)" becomes "(a | b)", and so on.</summary>
    public static string Libsolv(Dependency dependency)
        => dependency.IsRich ? Libsolv(RichDependency.Parse(dependency.Name)) : dependency.ToString();

    private static string Libsolv(RichDependency node) => node switch
    {
        RichSimple simple => simple.Dependency.ToString(),
        RichGroup group => Libsolv(group.Operand),
        RichAnd and => "(" + string.Join(" & ", and.Operands.Select(Libsolv)) + ")",
        RichOr or => "(" + string.Join(" | ", or.Operands.Select(Libsolv)) + ")",
        RichWith with => "(" + string.Join(" <WITH> ", with.Operands.Select(Libsolv)) + ")",
        RichWithout without => "(" + Libsolv(without.Left) + " <WITHOUT> " + Libsolv(without.Right) + ")",
        RichIf rif => "(" + Libsolv(rif.Then) + " <IF> " + Condition(rif.Condition, rif.Else) + ")",
        RichUnless unless => "(" + Libsolv(unless.Then) + " <UNLESS> " + Condition(unless.Condition, unless.Else) + ")",
        _ => throw new ArgumentException("Unknown rich node " + node.Kind),
    };

    private static string Condition(RichDependency condition, RichDependency? otherwise)
        => otherwise is null ? Libsolv(condition) : "(" + Libsolv(condition) + " <ELSE> " + Libsolv(otherwise) + ")";
}
