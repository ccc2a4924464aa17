using System.Text;

namespace Basalt.IO.Cpio;

/// <summary>
/// Deterministic "070701" writer: entries in the order given, every header field taken from the caller (inode numbers
/// included), NUL padding to 4 bytes after names and data, and rpm's trailer. Output depends only on the input.
/// Hard links follow rpm and GNU cpio: every link is an entry with the group's inode and link count, and only the
/// last link carries the data (the others have size 0), see <see cref="WriteHardLinkGroup"/>.
/// </summary>
public sealed class CpioNewcWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[CpioLayout.HeaderLength];
    private long _position;
    private bool _finished;
    private bool _disposed;

    public CpioNewcWriter(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream must be writable.", nameof(output));
        }

        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Bytes written so far.</summary>
    public long Position => _position;

    /// <summary>Writes an entry whose data (exactly <c>FileSize</c> bytes) comes from <paramref name="data"/>.</summary>
    public void WriteEntry(CpioEntry entry, Stream? data = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        WriteHeader(entry);
        if (entry.FileSize > 0)
        {
            if (data is null)
            {
                throw new ArgumentException($"cpio entry '{entry.Name}' has size {entry.FileSize} but no data.", nameof(data));
            }

            try
            {
                data.CopyToBounded(_output, entry.FileSize, $"data for cpio entry '{entry.Name}'");
            }
            catch (InvalidDataException ex)
            {
                throw new ArgumentException($"The data for cpio entry '{entry.Name}' is shorter than its size {entry.FileSize}.", nameof(data), ex);
            }

            _position += entry.FileSize;
        }

        WritePadding();
    }

    /// <summary>Writes an entry whose data is <paramref name="data"/> (its length must equal <c>FileSize</c>).</summary>
    public void WriteEntry(CpioEntry entry, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (data.Length != entry.FileSize)
        {
            throw new ArgumentException($"cpio entry '{entry.Name}' has size {entry.FileSize} but {data.Length} data bytes were given.", nameof(data));
        }

        WriteHeader(entry);
        _output.Write(data);
        _position += data.Length;
        WritePadding();
    }

    /// <summary>
    /// Writes a hard-link group: one entry per link, all with <paramref name="links"/>[0]'s inode and a link count of
    /// the group size; the data goes with the last link and the others get size 0.
    /// </summary>
    public void WriteHardLinkGroup(IReadOnlyList<CpioEntry> links, Stream data)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(data);
        if (links.Count == 0)
        {
            throw new ArgumentException("A hard-link group needs at least one link.", nameof(links));
        }

        var last = links[^1];
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i] with
            {
                Inode = links[0].Inode,
                NumberOfLinks = (uint)links.Count,
                FileSize = i == links.Count - 1 ? last.FileSize : 0,
            };
            WriteEntry(link, i == links.Count - 1 ? data : null);
        }
    }

    /// <summary>Writes the "TRAILER!!!" entry. Called by <see cref="Dispose"/> when not called before.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return;
        }

        // rpm's trailer: every field zero except c_nlink 1 and c_namesize (lib/cpio.c, rpmcpioTrailerWrite).
        WriteHeader(new CpioEntry { Name = CpioLayout.TrailerName, NumberOfLinks = 1 });
        _finished = true;
        _output.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Finish();
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }
    }

    private void WriteHeader(CpioEntry entry)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException("The cpio archive is already finished.");
        }

        var name = Encoding.UTF8.GetBytes(entry.Name);
        if (name.Length == 0 || name.Length + 1 > CpioReaderOptions.DefaultMaxNameSize || name.Contains((byte)0))
        {
            throw new ArgumentException($"cpio entry name '{entry.Name}' must be 1..{CpioReaderOptions.DefaultMaxNameSize - 1} bytes without NUL.", nameof(entry));
        }

        if (entry.FileSize is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"cpio entry '{entry.Name}' has size {entry.FileSize}; newc stops at 4 GiB - 1.", nameof(entry));
        }

        CpioLayout.NewcMagic.CopyTo(_header);
        Span<uint> values =
        [
            entry.Inode, entry.Mode, entry.Uid, entry.Gid, entry.NumberOfLinks, entry.ModificationTime, (uint)entry.FileSize,
            entry.DevMajor, entry.DevMinor, entry.RdevMajor, entry.RdevMinor, (uint)(name.Length + 1), 0,
        ];
        for (var i = 0; i < CpioLayout.FieldCount; i++)
        {
            // Lower-case hex, as rpm ("%8.8lx") and GNU cpio write it.
            values[i].TryFormat(_header.AsSpan(CpioLayout.FieldOffset(i), CpioLayout.FieldLength), out _, "x8");
        }

        _output.Write(_header);
        _output.Write(name);
        _output.WriteByte(0);
        _position += _header.Length + name.Length + 1;
        WritePadding();
    }

    private void WritePadding()
    {
        var count = CpioLayout.Padding(_position);
        if (count > 0)
        {
            Span<byte> zeros = stackalloc byte[CpioLayout.Alignment];
            _output.Write(zeros[..count]);
            _position += count;
        }
    }
}
