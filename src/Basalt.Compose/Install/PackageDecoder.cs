using System.Buffers;
using System.Runtime.ExceptionServices;
using Basalt.Imaging.Tree;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Payload;

namespace Basalt.Compose.Install;

/// <summary>One payload entry, matched with the header and verified, with its content already read.</summary>
/// <param name="File">The header's view of the file.</param>
/// <param name="HasContent">False for the earlier links of a hard-link group (rpm stores the data once, on the last).</param>
/// <param name="Content">The verified content of a non-empty regular file that carries it; null otherwise.</param>
internal sealed record DecodedEntry(RpmFileInfo File, bool HasContent, FileContent? Content);

/// <summary>
/// A package's payload decoded ahead of its turn: the entries in payload order up to the end or up to the first error,
/// which <see cref="InstallSession"/> rethrows after placing the entries before it, so the result is what reading and
/// placing one entry after the other would have given.
/// </summary>
internal sealed class DecodedPackage
{
    public required PackageFile File { get; init; }

    public required RpmPackageHeaders Headers { get; init; }

    public required RpmPackageInfo Package { get; init; }

    public required IReadOnlyList<DecodedEntry> Entries { get; init; }

    /// <summary>The reader's warnings (a PAYLOADCOMPRESSOR tag that disagrees with the magic bytes, an unknown digest algorithm).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>What stopped the decoding after <see cref="Entries"/>, if anything did.</summary>
    public ExceptionDispatchInfo? Failure { get; init; }
}

/// <summary>
/// Decodes one package: decompresses its payload once, checks every entry against the header, every file digest, and
/// the uncompressed payload's size and — unless the fetch stage verified the compressed payload's PAYLOADDIGEST — its
/// PAYLOADDIGESTALT (the checks the fetch stage leaves to this one decompression), and reads
/// the contents — small ones into memory, large ones into the spool. Independent of every other package, so several
/// run at once while the tree is built in install order.
/// </summary>
internal static class PackageDecoder
{
    private static readonly RpmPayloadOptions ReaderOptions = new() { VerifyPayloadDigest = true };

    private static readonly RpmPayloadOptions VerifiedReaderOptions = ReaderOptions with { CompressedPayloadVerified = true };

    public static DecodedPackage Decode(PackageFile file, ContentSpool spool, CancellationToken cancellationToken)
    {
        using var reader = RpmPayloadReader.Open(file.Path, file.CompressedPayloadVerified ? VerifiedReaderOptions : ReaderOptions);
        var entries = new List<DecodedEntry>(reader.Package.Files.Count);
        byte[]? buffer = null;
        ExceptionDispatchInfo? failure = null;
        try
        {
            while (reader.Next() is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var info = entry.File;
                var content = entry.HasContent && info.IsRegular && info.Size > 0
                    ? ReadContent(entry, info, $"'{file.Nevra}': '{info.Path}'", spool, ref buffer, cancellationToken)
                    : null;
                entries.Add(new DecodedEntry(info, entry.HasContent, content));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return new DecodedPackage
        {
            File = file,
            Headers = reader.Headers,
            Package = reader.Package,
            Entries = entries,
            Warnings = [.. reader.Warnings],
            Failure = failure,
        };
    }

    private static FileContent ReadContent(RpmPayloadEntry entry, RpmFileInfo info, string what, ContentSpool spool, ref byte[]? buffer,
        CancellationToken cancellationToken)
    {
        if (info.Size >= InstallSession.SpoolThreshold)
        {
            return spool.Append(entry.Data, info.Size, what, buffer ??= ArrayPool<byte>.Shared.Rent(ContentSpool.CopyBufferSize), cancellationToken);
        }

        var bytes = new byte[info.Size];
        entry.Data.ReadExactly(bytes);
        if (entry.Data.ReadByte() >= 0)
        {
            throw new InvalidDataException($"{what} has more than its declared {info.Size} bytes.");
        }

        return FileContent.FromBytes(bytes);
    }
}
