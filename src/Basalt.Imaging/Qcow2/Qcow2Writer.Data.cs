using System.Buffers;
using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using static Basalt.Imaging.Qcow2.Qcow2Layout;

namespace Basalt.Imaging.Qcow2;

public static partial class Qcow2Writer
{
    /// <summary>Copies the non-zero clusters to host clusters 1, 2, … and fills the L2 tables; returns how many.</summary>
    private static async Task<long> CopyDataAsync(Stream raw, Stream destination, long size, List<(int, byte[])> l2Tables, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ChunkClusters * ClusterSize);
        var output = ArrayPool<byte>.Shared.Rent(ChunkClusters * ClusterSize);
        try
        {
            destination.Position = ClusterSize;
            var origin = raw.Position;
            var host = 1L;
            byte[]? currentTable = null;
            var currentL1 = -1;
            foreach (var (firstCluster, endCluster) in ClusterRanges(raw, origin, size))
            {
                for (var guest = firstCluster; guest < endCluster; guest += ChunkClusters)
                {
                    var want = (int)Math.Min(Math.Min((long)ChunkClusters * ClusterSize, size - (guest * ClusterSize)), (endCluster - guest) * ClusterSize);
                    raw.Position = origin + (guest * ClusterSize);
                    var got = await raw.ReadAtLeastAsync(input.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (got < want)
                    {
                        throw new InvalidDataException($"raw disk: unexpected end of input at offset {(guest * ClusterSize) + got}.");
                    }

                    var clusters = (want + ClusterSize - 1) / ClusterSize;
                    input.AsSpan(want, (clusters * ClusterSize) - want).Clear(); // pad the last partial cluster
                    var outputClusters = 0;
                    for (var c = 0; c < clusters; c++)
                    {
                        var data = input.AsSpan(c * ClusterSize, ClusterSize);
                        if (SparseCopy.IsZero(data))
                        {
                            continue;
                        }

                        var index = guest + c;
                        var l1Index = (int)(index / L2Entries);
                        if (l1Index != currentL1)
                        {
                            currentTable = new byte[ClusterSize];
                            currentL1 = l1Index;
                            l2Tables.Add((l1Index, currentTable));
                        }

                        BinaryPrimitives.WriteUInt64BigEndian(currentTable.AsSpan((int)(index % L2Entries) * 8), ((ulong)host * ClusterSize) | FlagCopied);
                        data.CopyTo(output.AsSpan(outputClusters * ClusterSize));
                        outputClusters++;
                        host++;
                    }

                    if (outputClusters > 0)
                    {
                        await destination.WriteAsync(output.AsMemory(0, outputClusters * ClusterSize), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return host - 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>
    /// The guest cluster ranges that may hold data: the file's data extents (holes read as zeros and are
    /// skipped without reading), widened to whole clusters and merged, in increasing order.
    /// </summary>
    private static List<(long First, long End)> ClusterRanges(Stream raw, long origin, long size)
    {
        var ranges = new List<(long, long)>();
        foreach (var (start, end) in SparseExtents.Find(raw, origin))
        {
            var first = (start - origin) / ClusterSize;
            var last = (Math.Min(end - origin, size) + ClusterSize - 1) / ClusterSize;
            if (ranges.Count > 0 && first <= ranges[^1].Item2)
            {
                ranges[^1] = (ranges[^1].Item1, Math.Max(last, ranges[^1].Item2));
            }
            else if (last > first)
            {
                ranges.Add((first, last));
            }
        }

        return ranges;
    }
}
