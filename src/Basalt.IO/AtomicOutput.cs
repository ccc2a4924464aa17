using System.Security.Cryptography;

namespace Basalt.IO;

/// <summary>
/// Writes a file or a directory under a temporary sibling name and renames it into place on <see cref="Commit"/>.
/// Disposing without a commit deletes the temporary, so a failure never leaves anything half-written at the
/// destination. The sibling lives in the same directory so the final rename(2) stays on one filesystem and is atomic.
/// </summary>
public sealed class AtomicOutput : IDisposable
{
    private readonly bool _isDirectory;
    private FileStream? _stream;
    private bool _committed;
    private bool _disposed;

    private AtomicOutput(string destination, bool isDirectory)
    {
        DestinationPath = Path.GetFullPath(destination);
        var directory = Path.GetDirectoryName(DestinationPath)
            ?? throw new ArgumentException($"'{destination}' has no parent directory.", nameof(destination));
        Directory.CreateDirectory(directory);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(DestinationPath)}.tmp-{suffix}");
        _isDirectory = isDirectory;
    }

    /// <summary>Where the output appears after <see cref="Commit"/>.</summary>
    public string DestinationPath { get; }

    /// <summary>The temporary sibling being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The temporary file's stream (file outputs only).</summary>
    public FileStream Stream => _stream ?? throw new InvalidOperationException("A directory output has no stream.");

    /// <summary>Starts a file output; write to <see cref="Stream"/>, then <see cref="Commit"/>.</summary>
    public static AtomicOutput CreateFile(string destination, UnixFileMode? mode = null)
    {
        var output = new AtomicOutput(destination, isDirectory: false);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        output._stream = new FileStream(output.TemporaryPath, options);
        return output;
    }

    /// <summary>Starts a directory output; fill <see cref="TemporaryPath"/>, then <see cref="Commit"/>.</summary>
    public static AtomicOutput CreateDirectory(string destination)
    {
        var output = new AtomicOutput(destination, isDirectory: true);
        Directory.CreateDirectory(output.TemporaryPath);
        return output;
    }

    /// <summary>
    /// Flushes (to disk, for files) and renames the temporary into place. A file replaces an existing destination
    /// atomically; a directory replaces an existing one by moving the old one aside first.
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException($"'{DestinationPath}' is already committed.");
        }

        if (_isDirectory)
        {
            CommitDirectory();
        }
        else
        {
            _stream!.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(TemporaryPath, DestinationPath, overwrite: true);
        }

        _committed = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream?.Dispose();
        if (!_committed)
        {
            DeleteQuietly(TemporaryPath, _isDirectory);
        }
    }

    private void CommitDirectory()
    {
        if (!Directory.Exists(DestinationPath) && !File.Exists(DestinationPath))
        {
            Directory.Move(TemporaryPath, DestinationPath);
            return;
        }

        var old = TemporaryPath + ".old";
        Directory.Move(DestinationPath, old);
        Directory.Move(TemporaryPath, DestinationPath);
        DeleteQuietly(old, isDirectory: true);
    }

    /// <summary>Deletes a file or folder, ignoring failure: for cleanup while another error is already being reported.</summary>
    public static void DeleteQuietly(string path, bool isDirectory)
    {
        try
        {
            if (isDirectory && Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (!isDirectory)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Cleanup is best effort: the caller is already handling the failure that got us here.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
