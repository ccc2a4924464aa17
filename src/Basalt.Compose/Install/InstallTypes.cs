using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Install;

/// <summary>A verified local package file and the NEVRA it is known by (used in messages and records).</summary>
public sealed record PackageFile(string Nevra, string Path)
{
    /// <summary>
    /// The file's compressed payload matched its header's PAYLOADDIGEST when the fetch stage checked it (with the header's
    /// own digests). Installation then checks the uncompressed size and every file's FILEDIGESTS, as rpm does while
    /// unpacking, but not PAYLOADDIGESTALT over the same bytes again; false (the default) checks that too.
    /// </summary>
    public bool CompressedPayloadVerified { get; init; }
}

/// <summary>How <see cref="PackageInstaller"/> lays packages down.</summary>
public sealed record InstallOptions
{
    /// <summary>SOURCE_DATE_EPOCH: every modification time is clamped to at most this, and implicit directories get it.</summary>
    public required long SourceDateEpoch { get; init; }

    /// <summary>An existing folder for the spool file that holds large file contents; it must outlive the tree.</summary>
    public required string ScratchDirectory { get; init; }
}

/// <summary>Progress after each package.</summary>
public sealed record InstallProgress(int PackagesDone, int PackageCount, string CurrentPackage, long BytesWritten);

/// <summary>One installed package: its file, headers, decoded header view, how many payload entries it laid down and their bytes.</summary>
public sealed record InstalledPackage(PackageFile File, RpmPackageHeaders Headers, RpmPackageInfo Info, int FileCount, long InstalledBytes);

/// <summary>What an installation produced besides the tree itself.</summary>
public sealed class InstallResult
{
    /// <summary>The packages in install order.</summary>
    public required IReadOnlyList<InstalledPackage> Packages { get; init; }

    /// <summary>Owner and group names per node, resolved to ids once the image's accounts are final.</summary>
    public required FileOwnerTable Owners { get; init; }

    /// <summary>Every scriptlet, trigger and file trigger of every package, with what Basalt did instead of running it.</summary>
    public required IReadOnlyList<ScriptletRecord> Scriptlets { get; init; }

    /// <summary>Oddities that did not stop the installation, in the order they happened.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>What happened to a scriptlet that Basalt never runs.</summary>
public enum ScriptletOutcome
{
    /// <summary>Basalt applies a declarative equivalent (or there is nothing to do).</summary>
    Replaced,

    /// <summary>No equivalent: the scriptlet's effect is missing from the image.</summary>
    Skipped,
}

/// <summary>One scriptlet of one package and its classification.</summary>
/// <param name="Package">The package's NEVRA.</param>
/// <param name="Scriptlet">The spec section, e.g. "%post", "%triggerin(glibc)", "%filetriggerin(/usr/lib64)".</param>
/// <param name="Interpreter">The interpreter with its arguments, e.g. "/bin/sh" or "&lt;lua&gt;".</param>
/// <param name="Outcome">Replaced or skipped.</param>
/// <param name="Detail">The declarative equivalent, or why it was skipped.</param>
public sealed record ScriptletRecord(string Package, string Scriptlet, string Interpreter, ScriptletOutcome Outcome, string Detail);
