using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Basalt.Compression;
using Basalt.Imaging.Tree;
using Basalt.IO;

namespace Basalt.Imaging.Oci;

/// <summary>
/// Writes an OCI image layout (image-spec v1.1 image-layout.md) holding one single-layer image: the tree as a
/// tar (optionally gzip) layer, its config, manifest, and an index.json naming it with the tag. The directory is
/// assembled under a temporary sibling and renamed into place, so a failure leaves nothing at the destination.
/// </summary>
public static partial class OciImageWriter
{
    public static async Task<OciImageResult> WriteAsync(FileTree tree, string layoutDirectory, OciImageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentException.ThrowIfNullOrEmpty(layoutDirectory);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        using var output = AtomicOutput.CreateDirectory(layoutDirectory);
        var blobs = Path.Combine(output.TemporaryPath, OciMediaTypes.BlobsDirectory);
        Directory.CreateDirectory(blobs);

        var (layerDigest, layerSize, diffId) = await WriteLayerAsync(tree, blobs, options, cancellationToken).ConfigureAwait(false);
        var config = OciJson.Config(options, diffId);
        var configDigest = await WriteBlobAsync(blobs, config, cancellationToken).ConfigureAwait(false);
        var layerType = options.Gzip ? OciMediaTypes.LayerGzip : OciMediaTypes.Layer;
        var manifest = OciJson.Manifest(options, configDigest, config.Length, layerType, layerDigest, layerSize);
        var manifestDigest = await WriteBlobAsync(blobs, manifest, cancellationToken).ConfigureAwait(false);
        var index = OciJson.Index(options, manifestDigest, manifest.Length);
        await File.WriteAllBytesAsync(Path.Combine(output.TemporaryPath, OciMediaTypes.IndexFile), index, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(output.TemporaryPath, OciMediaTypes.LayoutFile), OciJson.Layout(), cancellationToken).ConfigureAwait(false);
        output.Commit();
        return new OciImageResult(manifestDigest, manifest.Length, configDigest, config.Length, layerDigest, layerSize, diffId);
    }

    private static async Task<(string Digest, long Size, string DiffId)> WriteLayerAsync(FileTree tree, string blobs, OciImageOptions options, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(blobs, ".layer.tmp");
        using var compressedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size;
        var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var hashed = new HashingStream(file, compressedHash, leaveOpen: true);
            await using (hashed.ConfigureAwait(false))
            {
                var compressor = Compressor.Create(hashed, options.Gzip ? CompressionFormat.Gzip : CompressionFormat.None, options.GzipLevel, leaveOpen: true);
                await using (compressor.ConfigureAwait(false))
                {
                    var tar = new HashingStream(compressor, diffHash, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        await OciLayerWriter.WriteAsync(tree, tar, cancellationToken).ConfigureAwait(false);
                    }
                }

                size = hashed.BytesHashed;
            }
        }

        var digest = Digest(compressedHash.GetHashAndReset());
        File.Move(temporary, BlobPath(blobs, digest));
        return (digest, size, Digest(diffHash.GetHashAndReset()));
    }

    private static async Task<string> WriteBlobAsync(string blobs, byte[] content, CancellationToken cancellationToken)
    {
        var digest = Digest(SHA256.HashData(content));
        await File.WriteAllBytesAsync(BlobPath(blobs, digest), content, cancellationToken).ConfigureAwait(false);
        return digest;
    }

    private static string Digest(byte[] hash) => "sha256:" + Convert.ToHexStringLower(hash);

    private static string BlobPath(string blobs, string digest) => Path.Combine(blobs, digest["sha256:".Length..]);

    private static void Validate(OciImageOptions options)
    {
        // A tag as the distribution spec and image-layout.md's ref.name examples use it (skopeo's oci:DIR:TAG).
        if (!TagPattern().IsMatch(options.Tag))
        {
            throw new ArgumentException($"OCI tag '{options.Tag}' is not valid: use 1 to 128 of [A-Za-z0-9_.-], starting with a letter, digit or '_'.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.GzipLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.GzipLevel, 9);
        ArgumentException.ThrowIfNullOrEmpty(options.Architecture);
        ArgumentException.ThrowIfNullOrEmpty(options.OperatingSystem);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
