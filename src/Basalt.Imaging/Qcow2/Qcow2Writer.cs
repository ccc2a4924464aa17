using System.Buffers;
using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using static Basalt.Imaging.Qcow2.Qcow2Layout;

namespace Basalt.Imaging.Qcow2;

/// <summary>
/// Converts a raw disk to qcow2 v3 in one sequential read. Only clusters holding a non-zero byte are stored.
/// The layout is a pure function of the input: header in cluster 0, data clusters in guest order from
/// cluster 1, then the L2 tables (in L1 order), the L1 table, the refcount table and the refcount blocks,
/// every cluster with refcount 1 (qcow2.txt allows metadata anywhere; putting it last lets us stream).
/// </summary>
public static partial class Qcow2Writer
{
    private const int ClusterSize = 1 << WriteClusterBits;
    private const int L2Entries = ClusterSize / 8;
    private const int RefcountsPerBlock = ClusterSize * 8 / (1 << WriteRefcountOrder);
    private const int ChunkClusters = 32;

    /// <summary>Converts a file (through a temporary name, renamed when complete).</summary>
    public static async Task<Qcow2Header> ConvertAsync(string rawPath, string qcow2Path, CancellationToken cancellationToken = default)
    {
        var temp = qcow2Path + ".tmp-" + Environment.ProcessId;
        try
        {
            Qcow2Header header;
            var source = new FileStream(rawPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (source.ConfigureAwait(false))
            {
                var destination = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
                await using (destination.ConfigureAwait(false))
                {
                    header = await ConvertAsync(source, destination, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temp, qcow2Path, overwrite: true);
            return header;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads the raw disk from its current position to its end and writes qcow2 to an empty seekable stream.</summary>
    public static async Task<Qcow2Header> ConvertAsync(Stream raw, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanSeek || destination.Length != 0)
        {
            throw new ArgumentException("The destination must be an empty seekable stream.", nameof(destination));
        }

        var size = raw.Length - raw.Position;
        if (size <= 0)
        {
            throw new ArgumentException("The raw disk is empty.", nameof(raw));
        }

        var guestClusters = (size + ClusterSize - 1) / ClusterSize;
        var l1Size = checked((int)((guestClusters + L2Entries - 1) / L2Entries));
        var l2Tables = new List<(int L1Index, byte[] Table)>();
        var dataClusters = await CopyDataAsync(raw, destination, size, l2Tables, cancellationToken).ConfigureAwait(false);

        // Metadata after the data: L2 tables, L1, then the refcount structures, sized by a fixed point
        // because the refcount blocks must also count themselves.
        var firstMeta = 1 + dataClusters;
        var l1Clusters = ((l1Size * 8L) + ClusterSize - 1) / ClusterSize;
        long refcountTableClusters = 1, refcountBlocks = 0;
        while (true)
        {
            var total = firstMeta + l2Tables.Count + l1Clusters + refcountTableClusters + refcountBlocks;
            var blocks = (total + RefcountsPerBlock - 1) / RefcountsPerBlock;
            var tableClusters = Math.Max(1, ((blocks * 8) + ClusterSize - 1) / ClusterSize);
            if (blocks == refcountBlocks && tableClusters == refcountTableClusters)
            {
                break;
            }

            refcountBlocks = blocks;
            refcountTableClusters = tableClusters;
        }

        var l1 = new byte[l1Clusters * ClusterSize];
        var host = firstMeta;
        destination.Position = host * ClusterSize;
        foreach (var (l1Index, table) in l2Tables)
        {
            BinaryPrimitives.WriteUInt64BigEndian(l1.AsSpan(l1Index * 8), ((ulong)host * ClusterSize) | FlagCopied);
            await destination.WriteAsync(table, cancellationToken).ConfigureAwait(false);
            host++;
        }

        var l1Offset = host * ClusterSize;
        await destination.WriteAsync(l1, cancellationToken).ConfigureAwait(false);
        host += l1Clusters;
        var refcountTableOffset = host * ClusterSize;
        var totalClusters = host + refcountTableClusters + refcountBlocks;
        var refcountTable = new byte[refcountTableClusters * ClusterSize];
        for (var b = 0; b < refcountBlocks; b++)
        {
            BinaryPrimitives.WriteInt64BigEndian(refcountTable.AsSpan(b * 8), (host + refcountTableClusters + b) * ClusterSize);
        }

        await destination.WriteAsync(refcountTable, cancellationToken).ConfigureAwait(false);
        var block = new byte[ClusterSize];
        for (var b = 0L; b < refcountBlocks; b++)
        {
            block.AsSpan().Clear();
            var first = b * RefcountsPerBlock;
            var count = Math.Min(RefcountsPerBlock, totalClusters - first);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(i * 2), 1);
            }

            await destination.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        }

        var header = new Qcow2Header(3, WriteClusterBits, size, l1Size, l1Offset, refcountTableOffset, (int)refcountTableClusters);
        var headerCluster = new byte[ClusterSize];
        header.Write(headerCluster);
        destination.Position = 0;
        await destination.WriteAsync(headerCluster, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return header;
    }
}
