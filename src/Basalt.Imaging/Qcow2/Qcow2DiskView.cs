using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using static Basalt.Imaging.Qcow2.Qcow2Layout;

namespace Basalt.Imaging.Qcow2;

/// <summary>
/// Reads the guest view of a qcow2 image: guest offset → L1 entry → L2 entry → host cluster
/// (qcow2.txt, "Cluster mapping"). Unallocated and zero-flagged clusters read as zeros; compressed clusters
/// are rejected (Basalt never writes them). Every host offset is checked against the file before reading.
/// </summary>
public sealed class Qcow2DiskView : DiskView
{
    private readonly Stream _stream;
    private readonly ulong[] _l1;
    private readonly Dictionary<long, ulong[]> _l2Cache = [];
    private readonly int _l2Bits;

    private Qcow2DiskView(Stream stream, Qcow2Header header, ulong[] l1)
    {
        _stream = stream;
        Header = header;
        _l1 = l1;
        _l2Bits = header.ClusterBits - 3;
    }

    public Qcow2Header Header { get; }

    public override string Format => "qcow2";

    public override long Size => Header.VirtualSize;

    /// <summary>False when the stream does not start with the qcow2 magic; throws for a damaged image. The stream stays owned by the caller.</summary>
    public static bool TryOpen(Stream stream, out Qcow2DiskView view)
    {
        ArgumentNullException.ThrowIfNull(stream);
        view = null!;
        var bytes = new byte[HeaderV3Length];
        stream.Position = 0;
        var got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (!Qcow2Header.TryParse(bytes.AsSpan(0, got), stream.Length, out var header))
        {
            return false;
        }

        var l1Bytes = new byte[header.L1Size * 8];
        ReadExactlyAt(stream, header.L1TableOffset, l1Bytes, "qcow2 L1 table");
        var l1 = new ulong[header.L1Size];
        for (var i = 0; i < l1.Length; i++)
        {
            l1[i] = BinaryPrimitives.ReadUInt64BigEndian(l1Bytes.AsSpan(i * 8));
        }

        view = new Qcow2DiskView(stream, header, l1);
        return true;
    }

    /// <summary>How many guest clusters are backed by host clusters (for <c>disk info</c>).</summary>
    public long CountAllocatedClusters()
    {
        // Each distinct L2 table is counted once: a hostile L1 pointing every entry at one table must not
        // multiply the work, and distinct tables are bounded by the file size.
        var count = 0L;
        var seen = new HashSet<ulong>();
        for (var i = 0; i < _l1.Length; i++)
        {
            var table = seen.Add(_l1[i] & OffsetMask) ? GetL2(i) : null;
            if (table is not null)
            {
                count += table.Count(e => (e & OffsetMask) != 0 && (Header.Version < 3 || (e & FlagZero) == 0));
            }
        }

        return count;
    }

    public override IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        KeyValuePair.Create("version", Header.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        KeyValuePair.Create("cluster size", Header.ClusterSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        KeyValuePair.Create("allocated clusters", CountAllocatedClusters().ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    protected override void ReadCore(long offset, Span<byte> buffer)
    {
        var clusterSize = (int)Header.ClusterSize;
        while (!buffer.IsEmpty)
        {
            var guestCluster = offset >> Header.ClusterBits;
            var within = (int)(offset & (clusterSize - 1));
            var length = Math.Min(buffer.Length, clusterSize - within);
            var host = MapCluster(guestCluster);
            if (host == 0)
            {
                buffer[..length].Clear();
            }
            else
            {
                ReadExactlyAt(_stream, host + within, buffer[..length], "qcow2 data cluster");
            }

            buffer = buffer[length..];
            offset += length;
        }
    }

    private long MapCluster(long guestCluster)
    {
        var l1Index = (int)(guestCluster >> _l2Bits);
        var table = GetL2(l1Index);
        if (table is null)
        {
            return 0;
        }

        var entry = table[guestCluster & ((1L << _l2Bits) - 1)];
        if ((entry & FlagCompressed) != 0)
        {
            throw new InvalidDataException($"qcow2: guest cluster {guestCluster} is compressed, which is not supported.");
        }

        var host = (long)(entry & OffsetMask);
        if (host == 0 || (Header.Version >= 3 && (entry & FlagZero) != 0))
        {
            return 0;
        }

        if ((host & (Header.ClusterSize - 1)) != 0 || host > _stream.Length - Header.ClusterSize)
        {
            throw new InvalidDataException($"qcow2: guest cluster {guestCluster} maps to host offset {host}, unaligned or past the {_stream.Length}-byte file.");
        }

        return host;
    }

    private ulong[]? GetL2(int l1Index)
    {
        var l2Offset = (long)(_l1[l1Index] & OffsetMask);
        if (l2Offset == 0)
        {
            return null;
        }

        if (_l2Cache.TryGetValue(l2Offset, out var cached))
        {
            return cached;
        }

        if ((l2Offset & (Header.ClusterSize - 1)) != 0 || l2Offset > _stream.Length - Header.ClusterSize)
        {
            throw new InvalidDataException($"qcow2: L1 entry {l1Index} (at offset {Header.L1TableOffset + (l1Index * 8L)}) points to L2 table offset {l2Offset}, unaligned or past the {_stream.Length}-byte file.");
        }

        var bytes = new byte[Header.ClusterSize];
        ReadExactlyAt(_stream, l2Offset, bytes, "qcow2 L2 table");
        var table = new ulong[bytes.Length / 8];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i * 8));
        }

        if (_l2Cache.Count >= 64)
        {
            _l2Cache.Clear();
        }

        _l2Cache[l2Offset] = table;
        return table;
    }
}
