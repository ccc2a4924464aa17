using Basalt.Imaging.Tree;

namespace Basalt.Compose.Install;

/// <summary>
/// Lays RPM payloads down into an in-memory <see cref="FileTree"/> as <c>rpm -i --noscripts</c> would on a fresh root,
/// without running anything: modes and times from the header (times clamped to SOURCE_DATE_EPOCH), owner names recorded
/// for later resolution, hard links as shared nodes, file capabilities as <c>security.capability</c>, %ghost files left out,
/// rpm's file-conflict rules, and every scriptlet classified instead of run.
/// </summary>
/// <remarks>
/// A path that is already in the tree but no package installed (a pre-seeded node) is replaced by the package's file, with
/// a warning; a pre-seeded directory is kept when the package also has a directory there. Large contents live in one spool
/// file under <see cref="InstallOptions.ScratchDirectory"/>, which must outlive the tree; on cancellation or failure the
/// spool is deleted. After a <see cref="FileConflictException"/> the tree holds a partial install and should be discarded.
/// </remarks>
public static class PackageInstaller
{
    /// <summary>Packages decoded ahead of the one being placed: enough to keep every core decompressing.</summary>
    private static readonly int DecodeAhead = Math.Clamp(Environment.ProcessorCount + 1, 2, 16);

    /// <summary>Installs <paramref name="packages"/> (in install order, dependencies first) into <paramref name="tree"/>.</summary>
    /// <exception cref="FileConflictException">Packages conflict; the message lists every conflict, one per line.</exception>
    /// <exception cref="InvalidDataException">A package is corrupt (the message names it).</exception>
    public static Task<InstallResult> InstallAsync(FileTree tree, IReadOnlyList<PackageFile> packages, InstallOptions options,
        IProgress<InstallProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return InstallAsync(tree, packages.Count, i => Task.FromResult(packages[i]), options, progress, cancellationToken);
    }

    /// <summary>
    /// Installs <paramref name="count"/> packages as they become available: package <c>i</c> is decoded as soon as
    /// <paramref name="arrival"/>(<c>i</c>) completes (a fetch stage still verifying later packages), and placed in install
    /// order. A faulted arrival stops the installation with its exception, as a package that failed to decode would.
    /// </summary>
    internal static async Task<InstallResult> InstallAsync(FileTree tree, int count, Func<int, Task<PackageFile>> arrival, InstallOptions options,
        IProgress<InstallProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.ScratchDirectory))
        {
            throw new DirectoryNotFoundException($"Scratch directory '{options.ScratchDirectory}' does not exist.");
        }

        using var session = new InstallSession(tree, options);
        using var decoding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<Task<DecodedPackage>>();
        var next = 0;
        // Queued fairly (the thread pool's global queue, first come first served) the moment the package arrives: a fetch
        // stage keeps the pool's threads busy with work of its own, which would otherwise run first.
        Task<DecodedPackage> DecodeOnArrival(int index, CancellationToken token) => arrival(index).ContinueWith(
            arrived => PackageDecoder.Decode(arrived.GetAwaiter().GetResult(), session.Spool, token), token,
            TaskContinuationOptions.PreferFairness | TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);

        void StartDecoding()
        {
            // Payloads decode on the thread pool, DecodeAhead at a time; the tree is built from them strictly in install order.
            while (next < count && pending.Count < DecodeAhead)
            {
                pending.Enqueue(DecodeOnArrival(next++, decoding.Token));
            }
        }

        try
        {
            var installed = new List<InstalledPackage>(count);
            var scriptlets = new List<ScriptletRecord>();
            StartDecoding();
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var decoded = await pending.Dequeue().ConfigureAwait(false);
                StartDecoding();
                var package = session.Apply(i, decoded);
                installed.Add(package);
                scriptlets.AddRange(ScriptletClassifier.Classify(package.File.Nevra, package.Info));
                progress?.Report(new InstallProgress(i + 1, count, package.File.Nevra, session.BytesWritten));
            }

            if (session.Conflicts.Count > 0)
            {
                throw new FileConflictException(session.Conflicts);
            }

            session.Complete();
            return new InstallResult
            {
                Packages = installed,
                Owners = session.Owners,
                Scriptlets = scriptlets,
                Warnings = session.Warnings,
            };
        }
        catch
        {
            // Decoders still running write into the spool: stop them and wait before it is deleted.
            await decoding.CancelAsync().ConfigureAwait(false);
            foreach (var task in pending)
            {
                await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            session.Abort();
            throw;
        }
    }
}
