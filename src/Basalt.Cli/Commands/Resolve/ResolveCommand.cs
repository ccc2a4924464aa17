using System.CommandLine;
using Basalt.Packaging.Model;
using Basalt.Repositories;
using Basalt.Solver;
using Basalt.Solver.Locking;

namespace Basalt.Cli.Commands.Resolve;

/// <summary>
/// <c>basalt resolve --repo DIR|URL … PKG…</c>: what dnf would install into an empty root, with a lockfile
/// and, when there is no answer, an explanation. Exit 0 solved, 1 no solution, 2 bad input.
/// </summary>
internal static class ResolveCommand
{
    public static Command Create(CliContext context)
    {
        var packages = new Argument<string[]>("PKG")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Package names, \"NAME OP EVR\" constraints, NEVRAs or capabilities (files, virtual provides, rich dependencies).",
        };
        var repos = new Option<string[]>("--repo")
        {
            Description = "A repository: DIR, file:// or https:// URL, optionally ID=LOCATION and ,priority=N. Repeatable.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var noWeak = new Option<bool>("--no-weak-deps") { Description = "Do not install Recommends/Supplements (dnf's install_weak_deps=False)." };
        var excludes = new Option<string[]>("--exclude") { Description = "Exclude packages by name or glob. Repeatable." };
        var arch = new Option<string>("--arch") { Description = "Target architecture (noarch is always accepted).", DefaultValueFactory = _ => "x86_64" };
        var lockPath = new Option<string?>("--lock") { Description = "Lockfile: reproduced when it exists, written after a successful resolution." };
        var update = new Option<bool>("--update") { Description = "With --lock: resolve afresh and rewrite the lockfile." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var filelists = new Option<FilelistsMode>("--filelists")
        {
            Description = "Load file lists: auto (when a file dependency is not in primary, as dnf does), always, never.",
            DefaultValueFactory = _ => FilelistsMode.Auto,
        };
        var command = new Command("resolve", "Resolve packages against RPM repositories as dnf/libsolv would.")
        {
            packages, repos, noWeak, excludes, arch, lockPath, update, json, filelists,
        };

        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var definitions = parseResult.GetValue(repos)!.Select(RepositoryArgument.Parse).ToList();
            var duplicate = definitions.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"Two repositories share the id \"{duplicate.Key}\"; name them with ID=LOCATION.");
            }

            var candidates = await RepositoryPool.LoadAsync(definitions, parseResult.GetValue(filelists),
                message => context.Error.WriteLine("basalt: " + message), cache: null, cancellationToken).ConfigureAwait(false);
            var lockFile = parseResult.GetValue(lockPath);
            var options = new SolverOptions
            {
                TargetArchitecture = parseResult.GetValue(arch)!,
                InstallWeakDependencies = !parseResult.GetValue(noWeak),
                Excludes = parseResult.GetValue(excludes) ?? [],
                Lock = lockFile is not null && File.Exists(lockFile) && !parseResult.GetValue(update) ? LockFile.Load(lockFile) : null,
            };
            var (names, nevras) = JobParser.Index(candidates);
            var jobs = parseResult.GetValue(packages)!.Select(p => JobParser.Parse(p, names, nevras)).ToList();
            var resolution = PackageSolver.Solve(candidates, [], jobs, options, cancellationToken);
            if (resolution.Succeeded && lockFile is not null)
            {
                LockFile.From(resolution.Packages).Save(lockFile);
            }

            if (parseResult.GetValue(json))
            {
                ResolveOutput.WriteJson(context.StandardOutput, resolution);
            }
            else
            {
                ResolveOutput.WriteTable(context.Out, context.Error, resolution);
            }

            return resolution.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
