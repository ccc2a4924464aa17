using Basalt.Packaging;
using Basalt.Packaging.Rich;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// Whether a dependency holds over the packages chosen so far (libsolv's solver_dep_fulfilled): "(a unless b)"
/// without else is "a and not b", as libsolv 0.7.23 reads it (docs/solver.md, "Rich dependency semantics").
/// </summary>
internal static class Chosen
{
    public static bool Holds(Encoder encoder, Dependency dependency, SatSolver solver)
        => encoder.Pool.Rich(dependency) is { } rich
            ? Holds(encoder, rich, solver)
            : Any(encoder.Pool.WhatProvides(dependency), solver);

    public static bool Holds(Encoder encoder, RichDependency node, SatSolver solver) => node switch
    {
        RichSimple simple => Any(encoder.Pool.WhatProvides(simple.Dependency), solver),
        RichGroup group => Holds(encoder, group.Operand, solver),
        RichAnd and => and.Operands.All(o => Holds(encoder, o, solver)),
        RichOr or => or.Operands.Any(o => Holds(encoder, o, solver)),
        RichIf rif => Holds(encoder, rif.Condition, solver)
            ? Holds(encoder, rif.Then, solver)
            : rif.Else is null || Holds(encoder, rif.Else, solver),
        RichUnless { Else: null } unless => Holds(encoder, unless.Then, solver) && !Holds(encoder, unless.Condition, solver),
        RichUnless unless => !Holds(encoder, unless.Condition, solver)
            ? Holds(encoder, unless.Then, solver)
            : Holds(encoder, unless.Else, solver),
        _ => Any([.. encoder.PackageSet(node)], solver),
    };

    public static bool Any(IReadOnlyList<int> packages, SatSolver solver)
    {
        foreach (int q in packages)
        {
            if (solver.ValueOf(q + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
