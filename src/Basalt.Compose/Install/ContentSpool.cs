using Basalt.Imaging.Tree;
using Microsoft.Win32.SafeHandles;

namespace Basalt.Compose.Install;

/// <summary>
/// One scratch file that holds the contents of large payload files, so a tree of hundreds of MB of packages does not
/// live in memory. Several packages are decoded at once, so appends may come from several threads: each reserves its
/// declared length at the end and writes its slice with positioned writes. Each spooled file is exposed as a
/// <see cref="FileContent"/> that reads its own bounded slice; the bytes a reader sees do not depend on where in the
/// spool they were put, so the tree (and every image written from it) does not depend on the order of the appends.
/// The slices are seekable (<see cref="SpoolSliceStream"/>).
/// </summary>
internal sealed class ContentSpool : IDisposable
{
    internal const int CopyBufferSize = 128 * 1024;

    private readonly string _directory;
    private readonly Lock _lock = new();
    private SafeFileHandle? _handle;
    private long _length;

    public ContentSpool(string directory)
    {
        _directory = directory;
    }

    /// <summary>The spool file, once the first content was reserved; null before.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Bytes reserved so far.</summary>
    public long Length => Interlocked.Read(ref _length);

    /// <summary>
    /// Copies exactly <paramref name="length"/> bytes of <paramref name="source"/> into the spool, reading it to its end
    /// (so a verifying source checks its digest). <paramref name="buffer"/> is the caller's scratch space.
    /// </summary>
    public FileContent Append(Stream source, long length, string what, byte[] buffer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var (handle, path) = Open();
        var offset = Interlocked.Add(ref _length, length) - length;
        long copied = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (copied + read > length)
            {
                throw new InvalidDataException($"{what} has more than its declared {length} bytes.");
            }

            RandomAccess.Write(handle, buffer.AsSpan(0, read), offset + copied);
            copied += read;
        }

        if (copied != length)
        {
            throw new InvalidDataException($"{what} has {copied} bytes but declares {length}.");
        }

        // Positioned writes go straight to the OS (no stream buffer), so readers with their own handles see the bytes.
        return FileContent.FromFactory(length, () => new SpoolSliceStream(path, offset, length));
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
        lock (_lock)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    private (SafeFileHandle Handle, string Path) Open()
    {
        lock (_lock)
        {
            if (_handle is null)
            {
                ObjectDisposedException.ThrowIf(FilePath is not null, this);
                FilePath = System.IO.Path.Combine(_directory, $"basalt-install-{Guid.NewGuid():N}.spool");
                _handle = File.OpenHandle(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
            }

            return (_handle, FilePath!);
        }
    }
}
