using Basalt.Imaging.Tree;
using Basalt.IO;

namespace Basalt.Compose.Install;

/// <summary>
/// One append-only scratch file that holds the contents of large payload files, so a tree of hundreds of MB of packages
/// does not live in memory. Each spooled file is exposed as a <see cref="FileContent"/> that reads its own bounded slice;
/// the bytes a reader sees do not depend on where in the spool they were put.
/// </summary>
internal sealed class ContentSpool : IDisposable
{
    private const int CopyBufferSize = 128 * 1024;

    private readonly string _directory;
    private FileStream? _stream;
    private byte[]? _buffer;

    public ContentSpool(string directory)
    {
        _directory = directory;
    }

    /// <summary>The spool file, once the first content was written; null before.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Bytes appended so far.</summary>
    public long Length => _stream?.Length ?? 0;

    /// <summary>Copies exactly <paramref name="length"/> bytes of <paramref name="source"/> to the end of the spool.</summary>
    public async Task<FileContent> AppendAsync(Stream source, long length, string what, CancellationToken cancellationToken)
    {
        var stream = _stream ??= Create();
        var offset = stream.Position;
        var buffer = _buffer ??= new byte[CopyBufferSize];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            copied += read;
            if (copied > length)
            {
                throw new InvalidDataException($"{what} has more than its declared {length} bytes.");
            }

            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        if (copied != length)
        {
            throw new InvalidDataException($"{what} has {copied} bytes but declares {length}.");
        }

        // Readers open their own handles, so the bytes must reach the OS before the content is handed out.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var path = FilePath!;
        return FileContent.FromFactory(length, () => OpenSlice(path, offset, length));
    }

    /// <summary>Closes the spool and deletes it: for a cancelled or failed installation.</summary>
    public void Delete()
    {
        Dispose();
        if (FilePath is not null)
        {
            File.Delete(FilePath);
        }
    }

    /// <summary>Closes the writer; the spool stays for the contents handed out.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private FileStream Create()
    {
        FilePath = Path.Combine(_directory, $"basalt-install-{Guid.NewGuid():N}.spool");
        return new FileStream(FilePath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0,
        });
    }

    private static BoundedReadStream OpenSlice(string path, long offset, long length)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        try
        {
            file.Position = offset;
            return new BoundedReadStream(file, length, leaveOpen: false, description: $"spooled content at offset {offset} of '{path}'");
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
