using System.Security.Cryptography;
using System.Text;
using Basalt.Compose.Boot;
using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.IO;
using Basalt.Imaging.Blocks;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Erofs;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Oci;
using Basalt.Imaging.Pe;
using Basalt.Imaging.Qcow2;
using Basalt.Imaging.Tree;
using Basalt.Imaging.Verity;
using Basalt.Imaging.Vhd;

namespace Basalt.Compose.Outputs;

/// <summary>
/// Writes the disk artefacts of an image: usr tree → EROFS → dm-verity hash → ESP (FAT32) → GPT raw disk (sparse), then
/// from it VHD, qcow2 and COSI, and the OCI layout from the root tree, each only when the definition asks for it. Every
/// artefact is written under a hidden temporary name in the output directory and renamed when all are complete; scratch
/// files are deleted whatever happens.
/// </summary>
public static partial class ImageWriter
{
    public static Task<ImageWriteResult> WriteAsync(ImageTrees trees, ImageDefinition definition, IReadOnlyList<CosiPackage> packages,
        long sourceDateEpoch, string outputDirectory, string scratchDirectory, IProgress<string>? progress, CancellationToken cancellationToken)
        => WriteAsync(trees, definition, packages, sourceDateEpoch, outputDirectory, scratchDirectory, progress, secureBootSigner: null, cancellationToken);

    /// <param name="secureBootSigner">Signs the boot loader and the UKI (or type #1 kernels) for Secure Boot; null leaves them unsigned.</param>
    public static async Task<ImageWriteResult> WriteAsync(ImageTrees trees, ImageDefinition definition, IReadOnlyList<CosiPackage> packages,
        long sourceDateEpoch, string outputDirectory, string scratchDirectory, IProgress<string>? progress, AuthenticodeSigner? secureBootSigner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentOutOfRangeException.ThrowIfNegative(sourceDateEpoch);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentException.ThrowIfNullOrEmpty(scratchDirectory);
        cancellationToken.ThrowIfCancellationRequested();

        var work = Path.Combine(Path.GetFullPath(scratchDirectory), $".basalt-image-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.CreateDirectory(work);
        try
        {
            using var staging = new ArtifactStaging(outputDirectory);
            var result = await WriteCoreAsync(trees, definition, packages, sourceDateEpoch, Path.GetFullPath(outputDirectory), work, staging, progress,
                secureBootSigner, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report("Committing artefacts");
            staging.CommitAll();
            return result;
        }
        finally
        {
            AtomicOutput.DeleteQuietly(work, isDirectory: true);
        }
    }

    private static async Task<ImageWriteResult> WriteCoreAsync(ImageTrees trees, ImageDefinition definition, IReadOnlyList<CosiPackage> packages,
        long sourceDateEpoch, string outputDirectory, string work, ArtifactStaging staging, IProgress<string>? progress, AuthenticodeSigner? signer,
        CancellationToken cancellationToken)
    {
        var time = new FileTimestamp(sourceDateEpoch);
        var identity = ImageIdentity.For(definition);
        var partitions = definition.Disk.Partitions;
        var baseName = $"{definition.Name}-{definition.Version}";

        var outputs = definition.Outputs;
        var rawPath = outputs.Contains(OutputFormat.Raw) ? staging.Reserve(baseName + ".raw") : Path.Combine(work, "disk.raw");
        var located = DiskPlan.Locate(definition, identity);
        var (espSlot, usrSlot, veritySlot) = (located.Entries[0].Partition, located.Entries[1].Partition, located.Entries[2].Partition);

        // The raw disk's SHA-256 (for the raw and VHD artefacts) follows the disk writer on another core; its last bytes, mostly
        // the zeros of the empty B slot, are hashed while the derived artefacts are written. Disposing it on the way out
        // stops and waits for the hashing whatever happened, so nothing of the write is left running.
        var rawHash = new RawHashTask(outputs.Contains(OutputFormat.Raw) || outputs.Contains(OutputFormat.Vhd), cancellationToken);
        await using var rawHashScope = rawHash.ConfigureAwait(false);

        // usr, its hash tree and the ESP are written straight into their partitions of the disk (no scratch copies);
        // the GPT, which carries the root hash, comes last.
        Basalt.Imaging.Disk.DiskLayout layout;
        ErofsImageInfo erofs;
        VerityFormatResult verity;
        string rootHash, commandLine, osRelease;
        FileTree esp;
        var rawStream = new FileStream(rawPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        await using (rawStream.ConfigureAwait(false))
        {
            rawStream.SetLength(located.SizeBytes);
            progress?.Report("Writing the usr file system (EROFS)");
            var erofsOptions = new ErofsWriterOptions { BuildTime = time, Uuid = identity.UsrFileSystem, VolumeName = "usr" };
            // dm-verity's level-0 digests are taken from the blocks as the writer produces them, so usr is never read back.
            // EROFS gets the disk's FileStream itself, not a PartitionWriteStream, because it copies file data with parallel
            // positioned writes on the file handle; PartitionLimit checks the size before any block is written instead.
            var usrDigests = new VerityDataDigests(identity.VeritySalt);
            rawStream.Position = usrSlot.OffsetBytes;
            erofs = await ErofsWriter.WriteAsync(trees.Usr, rawStream, erofsOptions, new PartitionLimit(usrDigests, usrSlot.SizeBytes), cancellationToken)
                .ConfigureAwait(false);

            progress?.Report("Writing the usr hash tree (dm-verity)");
            var verityOptions = new VerityOptions { Salt = identity.VeritySalt, Uuid = identity.VerityUuid };
            var verityStream = new PartitionWriteStream(rawStream, veritySlot.OffsetBytes, veritySlot.SizeBytes, "the usr verity hash tree (disk.partitions.verity)");
            await using (verityStream.ConfigureAwait(false))
            {
                verity = await VerityFormatter.FormatAsync(usrDigests, verityStream, verityOptions, cancellationToken).ConfigureAwait(false);
            }

            rootHash = verity.RootHashHex;
            commandLine = KernelCommandLine.Build(rootHash, definition);
            osRelease = trees.OsReleaseText
                ?? throw new InvalidDataException("The usr tree has no regular file 'lib/os-release'; build the trees with ImmutableLayout.Build.");

            progress?.Report("Writing the EFI System Partition (FAT32)");
            esp = EspLayout.WithCommandLine(trees.Esp, commandLine, time);
            if (trees.Boot is { } boot)
            {
                progress?.Report(boot.Stub is null ? "Installing the boot loader" : "Assembling the Unified Kernel Image");
                EspBoot.Complete(esp, boot, definition, commandLine, osRelease, signer, time);
            }

            var fatOptions = new FatOptions
            {
                SizeBytes = partitions.Esp,
                Label = "ESP",
                VolumeId = identity.EspSerial,
                Timestamp = time,
                HiddenSectors = (uint)(espSlot.OffsetBytes / 512),
            };
            var espStream = new PartitionWriteStream(rawStream, espSlot.OffsetBytes, espSlot.SizeBytes, "the EFI System Partition (disk.partitions.esp)");
            await using (espStream.ConfigureAwait(false))
            {
                await FatWriter.WriteAsync(esp, espStream, fatOptions, cancellationToken).ConfigureAwait(false);
            }

            progress?.Report("Writing the GPT disk (raw)");
            var builder = DiskPlan.Create(definition, identity, verity.RootHash,
                PartitionContent.InPlace(partitions.Esp), PartitionContent.InPlace(erofs.Size), PartitionContent.InPlace(verity.HashDeviceSize));
            layout = await builder.WriteAsync(rawStream, rawHash.Input, cancellationToken).ConfigureAwait(false);
        }

        rawHash.Complete();

        var cosiSource = outputs.Contains(OutputFormat.Cosi)
            ? CosiSourceBuilder.Create(definition, identity, layout, rawPath, erofs.Size, verity.HashDeviceSize, rootHash, esp, trees.Usr, osRelease, packages, sourceDateEpoch)
            : null;

        // The derived artefacts only read the raw disk (or the root tree): write them side by side. The jobs are async
        // methods, so none throws before every one has started, and WhenAll waits for all before the staging is cleaned.
        var jobs = new List<Task<ImageArtifact>>();
        foreach (var format in outputs.Distinct())
        {
            var name = baseName + "." + format.ToString().ToLowerInvariant();
            var final = Path.Combine(outputDirectory, name);
            jobs.Add(format switch
            {
                OutputFormat.Raw => RawArtifactAsync(rawHash, final),
                OutputFormat.Vhd => VhdAsync(rawPath, rawHash, staging.Reserve(name), final, sourceDateEpoch, identity, progress, cancellationToken),
                OutputFormat.Qcow2 => Qcow2Async(rawPath, staging.Reserve(name), final, progress, cancellationToken),
                OutputFormat.Cosi => CosiAsync(cosiSource!, staging.Reserve(name), final, progress, cancellationToken),
                OutputFormat.Oci => OciAsync(trees.Root, definition, sourceDateEpoch, staging.Reserve(name, isDirectory: true), final, progress, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(definition), format, "Unknown output format."),
            });
        }

        var artifacts = await Task.WhenAll(jobs).ConfigureAwait(false);
        return new ImageWriteResult(artifacts, DiskPlan.Report(layout), rootHash, commandLine, identity.DiskGuid);
    }

    /// <summary>Fails the usr write before any data block is written when the file system would outgrow its partition.</summary>
    private sealed class PartitionLimit(IBlockObserver inner, long capacity) : IBlockObserver
    {
        public void Begin(long blockCount, int blockSize)
        {
            var size = blockCount * blockSize;
            if (size > capacity)
            {
                throw new IOException($"The usr file system is {size} bytes; it does not fit the {capacity}-byte usr partition (disk.partitions.usr).");
            }

            inner.Begin(blockCount, blockSize);
        }

        public void Blocks(long firstBlock, ReadOnlySpan<byte> data) => inner.Blocks(firstBlock, data);
    }
}
