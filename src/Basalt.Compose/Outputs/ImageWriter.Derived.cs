using System.Security.Cryptography;
using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Oci;
using Basalt.Imaging.Qcow2;
using Basalt.Imaging.Tree;
using Basalt.Imaging.Vhd;

namespace Basalt.Compose.Outputs;

/// <summary>The artefacts derived from the raw disk (VHD, qcow2, COSI) and from the root tree (OCI), and their hashes.</summary>
public static partial class ImageWriter
{
    private static async Task<ImageArtifact> FileArtifactAsync(string format, string temporary, string final, CancellationToken cancellationToken)
    {
        using var hash = await ArtifactHash.OfFileAsync(temporary, cancellationToken).ConfigureAwait(false);
        return new ImageArtifact(format, final, hash.Bytes, hash.Hex);
    }

    private static async Task<ImageArtifact> RawArtifactAsync(RawHashTask rawHash, string final)
    {
        var hash = await rawHash.Task.ConfigureAwait(false);
        return new ImageArtifact("raw", final, hash.Bytes, hash.Hex);
    }

    private static async Task<ImageArtifact> VhdAsync(string rawPath, RawHashTask rawHash, string temporary, string final, long sourceDateEpoch, ImageIdentity identity,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("Writing the VHD");
        var raw = new FileStream(rawPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (raw.ConfigureAwait(false))
        {
            var vhd = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            await using (vhd.ConfigureAwait(false))
            {
                await VhdWriter.ConvertAsync(raw, vhd, VhdFooter.TimestampFromUnix(sourceDateEpoch), identity.VhdUniqueId, cancellationToken).ConfigureAwait(false);
            }
        }

        // The fixed VHD is the raw disk followed by its footer (VHD spec, "Hard Disk Footer Format").
        var footer = new byte[VhdFooter.Size];
        var file = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            file.Position = file.Length - footer.Length;
            await file.ReadExactlyAsync(footer, cancellationToken).ConfigureAwait(false);
        }

        var hash = await rawHash.Task.ConfigureAwait(false);
        return new ImageArtifact("vhd", final, hash.Bytes + footer.Length, hash.HexWith(footer));
    }

    private static async Task<ImageArtifact> Qcow2Async(string rawPath, string temporary, string final, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("Writing the qcow2 image");
        var raw = new FileStream(rawPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (raw.ConfigureAwait(false))
        {
            var qcow2 = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            await using (qcow2.ConfigureAwait(false))
            {
                await Qcow2Writer.ConvertAsync(raw, qcow2, cancellationToken).ConfigureAwait(false);
            }
        }

        return await FileArtifactAsync("qcow2", temporary, final, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ImageArtifact> CosiAsync(CosiSource source, string temporary, string final, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("Writing the COSI file");
        await CosiWriter.WriteAsync(source, temporary, cancellationToken).ConfigureAwait(false);
        return await FileArtifactAsync("cosi", temporary, final, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ImageArtifact> OciAsync(FileTree root, ImageDefinition definition, long sourceDateEpoch, string temporary, string final,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("Writing the OCI image layout");
        var options = new OciImageOptions
        {
            Tag = definition.Version,
            Created = DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch),
            Architecture = OciPlatform.FromRpmArch(Architecture.RpmName(definition.Arch)),
        };
        var result = await OciImageWriter.WriteAsync(root, temporary, options, cancellationToken).ConfigureAwait(false);
        return new ImageArtifact("oci", final, ArtifactHash.DirectoryBytes(temporary), result.ManifestDigest["sha256:".Length..]);
    }

    /// <summary>
    /// The raw disk's hash, computed once while the disk is written when the raw or VHD artefact needs it. Disposing it
    /// stops the hashing if it still runs (a failed or cancelled write), waits for it and frees the hash state.
    /// </summary>
    private sealed class RawHashTask(bool needed, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private readonly DiskHash? _input = needed ? new DiskHash(HashAlgorithmName.SHA256, cancellationToken) : null;
        private Task<ArtifactHash>? _task;

        /// <summary>What the disk writer hands its bytes to; null when no artefact needs the hash.</summary>
        public DiskHash? Input => _input;

        public Task<ArtifactHash> Task => _task ?? throw new InvalidOperationException("The raw disk hash is computed only when raw or vhd is an output.");

        /// <summary>Called when the whole disk has been handed over: the result is ready when the queued bytes are hashed.</summary>
        public void Complete()
        {
            if (_input is not null)
            {
                _task = FinishAsync(_input);
            }
        }

        private static async Task<ArtifactHash> FinishAsync(DiskHash input)
        {
            var length = input.Length;
            var state = await input.CompleteAsync().ConfigureAwait(false);
            return ArtifactHash.FromState(state, length);
        }

        public async ValueTask DisposeAsync()
        {
            if (_input is null)
            {
                return;
            }

            await _input.DisposeAsync().ConfigureAwait(false);
            if (_task is not null)
            {
                await ((Task)_task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_task.IsCompletedSuccessfully)
                {
                    _task.Result.Dispose();
                }
            }
        }
    }
}
