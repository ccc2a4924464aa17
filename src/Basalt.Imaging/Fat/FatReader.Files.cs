namespace Basalt.Imaging.Fat;

public sealed partial class FatReader
{
    private const int CopyBufferBytes = 1024 * 1024;

    /// <summary>Copies the file at <paramref name="path"/> to <paramref name="destination"/>; returns its size.</summary>
    public long CopyFile(string path, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var file = GetFile(path);
        var buffer = new byte[(int)Math.Min(CopyBufferBytes, Math.Max(file.Size, 1))];
        foreach (var (offset, length) in FileRuns(file))
        {
            for (var done = 0L; done < length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = (int)Math.Min(buffer.Length, length - done);
                ReadAt(_volume, offset + done, buffer.AsSpan(0, chunk), Name, $"file '{file.Path}'");
                destination.Write(buffer, 0, chunk);
                done += chunk;
            }
        }

        return file.Size;
    }

    /// <summary>The bytes of the file at <paramref name="path"/>; a file larger than <paramref name="maxBytes"/> is refused before reading.</summary>
    public byte[] ReadAllBytes(string path, long maxBytes)
    {
        var file = GetFile(path);
        if (file.Size > maxBytes || file.Size > Array.MaxLength)
        {
            throw new InvalidDataException($"{Name}: '{file.Path}' is {file.Size} bytes, more than the {maxBytes} allowed.");
        }

        var bytes = new byte[file.Size];
        var position = 0;
        foreach (var (offset, length) in FileRuns(file))
        {
            ReadAt(_volume, offset, bytes.AsSpan(position, (int)length), Name, $"file '{file.Path}'");
            position += (int)length;
        }

        return bytes;
    }

    private FatReaderEntry GetFile(string path)
    {
        var file = GetEntry(path);
        return file.IsDirectory ? throw new IOException($"{Name}: '{file.Path}' is a directory, not a file.") : file;
    }

    // A file's size is authoritative: its chain must cover that many bytes; clusters beyond them are ignored.
    private List<(long Offset, long Length)> FileRuns(FatReaderEntry file)
        => ChainRuns(file.FirstCluster, file.Size, exact: true, $"file '{file.Path}'");
}
