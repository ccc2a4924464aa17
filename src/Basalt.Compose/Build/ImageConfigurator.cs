using Basalt.Compose.Accounts;
using Basalt.Compose.Definition;
using Basalt.Compose.Install;
using Basalt.Compose.Libraries;
using Basalt.Compose.RpmDatabase;
using Basalt.Compose.Services;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Build;

/// <summary>What the configure stage did, for the build report.</summary>
internal sealed record ConfigureResult(IReadOnlyList<string> AccountNotes, IReadOnlyList<string> UnitNotes, IReadOnlyList<string> LibraryNotes,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The configure stage: the declarative equivalents of the scriptlets Basalt does not run (accounts from sysusers.d and
/// user()/group() provides, systemd presets, ld.so.cache, the rpm database), then the definition's own accounts,
/// files and units, and finally every recorded owner name resolved through the image's account database.
/// </summary>
internal static class ImageConfigurator
{
    /// <summary>Where rpm >= 4.16 keeps its database on Fedora-family systems; /var/lib/rpm points here.</summary>
    public const string RpmDatabaseDirectory = "/usr/lib/sysimage/rpm";

    public static async Task<ConfigureResult> ApplyAsync(FileTree tree, ImageDefinition definition, InstallResult install, long sourceDateEpoch,
        string scratchDirectory, IBuildObserver observer, CancellationToken cancellationToken)
    {
        var timestamp = new FileTimestamp(sourceDateEpoch);
        var accounts = AccountDatabase.Load(tree);
        var accountNotes = new List<string>(accounts.ApplySysusers(tree));
        foreach (var package in install.Packages)
        {
            accountNotes.AddRange(accounts.ApplyProvides(package.File.Nevra, package.Info.Provides));
        }

        accountNotes.AddRange(accounts.ApplyDefinition(definition, tree));
        observer.StageProgress(BuildStage.Configure, 1, 5, "accounts");

        DefinitionFiles.Apply(tree, definition.Files, install.Owners, timestamp);
        var unitNotes = SystemdEnablement.Apply(tree, definition.Systemd, sourceDateEpoch);
        observer.StageProgress(BuildStage.Configure, 2, 5, "systemd units");

        var libraryNotes = new List<string>();
        var cache = LdSoCache.Build(tree, DefinitionNames.Of(definition.Arch));
        if (cache is not null)
        {
            var node = tree.AddOrReplace("/etc/ld.so.cache", new RegularFileNode(cache.Cache));
            node.ModificationTime = timestamp;
            libraryNotes.Add($"/etc/ld.so.cache: {cache.LibraryCount} libraries");
            libraryNotes.AddRange(cache.CreatedLinks.Select(link => "created link " + link));
        }

        observer.StageProgress(BuildStage.Configure, 3, 5, "ld.so.cache");

        accounts.Save(tree, sourceDateEpoch);
        var warnings = new List<string>(install.Owners.Apply(accounts.UidOf, accounts.GidOf));
        observer.StageProgress(BuildStage.Configure, 4, 5, "file owners");

        var database = await RpmDatabaseWriter.BuildAsync([.. install.Packages.Select(p => p.Headers)], sourceDateEpoch, scratchDirectory,
            cancellationToken).ConfigureAwait(false);
        tree.CreateDirectory(RpmDatabaseDirectory);
        tree.AddOrReplace(RpmDatabaseDirectory + "/rpmdb.sqlite", new RegularFileNode(database)).ModificationTime = timestamp;
        if (!tree.Contains("/var/lib/rpm"))
        {
            tree.CreateDirectory("/var/lib");
            tree.AddSymbolicLink("/var/lib/rpm", "../../usr/lib/sysimage/rpm").ModificationTime = timestamp;
        }

        observer.StageProgress(BuildStage.Configure, 5, 5, "rpm database");
        return new ConfigureResult(accountNotes, unitNotes, libraryNotes, warnings);
    }
}
