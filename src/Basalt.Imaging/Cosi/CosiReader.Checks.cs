using System.Security.Cryptography;
using Basalt.Imaging.Gpt;
using Basalt.IO;
using static Basalt.Imaging.Oci.TarLayout;

namespace Basalt.Imaging.Cosi;

/// <summary>The per-image, GPT and region-order checks of <see cref="CosiReader"/>.</summary>
public static partial class CosiReader
{
    private static void VerifyImage(Stream stream, string name, CosiImageFile image, Dictionary<string, (CosiTarMember Member, int Index)> byName, int maxWindowLog, CancellationToken cancellationToken)
    {
        if (!image.Path.StartsWith("images/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"COSI '{name}': image path '{image.Path}' must start with 'images/'.");
        }

        if (!byName.TryGetValue(image.Path, out var found) || found.Member.TypeFlag != TypeRegular)
        {
            throw new InvalidDataException($"COSI '{name}': image '{image.Path}' is not a regular file in the tar.");
        }

        var member = found.Member;
        if (member.Size != image.CompressedSize)
        {
            throw new InvalidDataException($"COSI '{name}': image '{image.Path}' is {member.Size} bytes in the tar but compressedSize says {image.CompressedSize}.");
        }

        var header = new byte[(int)Math.Min(18, member.Size)];
        stream.Position = member.DataOffset;
        stream.ReadExactly(header, $"COSI '{name}' image '{image.Path}'", member.DataOffset);
        var windowLog = ZstdFrame.WindowLog(header, $"'{name}' image '{image.Path}'");
        if (windowLog > maxWindowLog)
        {
            throw new InvalidDataException($"COSI '{name}': image '{image.Path}' needs a 2^{windowLog} window, more than compression.maxWindowLog {maxWindowLog}.");
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        stream.Position = member.DataOffset;
        using (var hashed = new HashingStream(new BoundedReadStream(stream, member.Size, leaveOpen: true, description: image.Path), sha))
        {
            hashed.CopyTo(Stream.Null);
        }

        var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (actual != image.Sha384)
        {
            throw new InvalidDataException($"COSI '{name}': image '{image.Path}' has SHA-384 {actual}, but metadata.json says {image.Sha384}.");
        }

        long length = 0;
        using (var content = CosiFile.OpenMember(stream, member, long.MaxValue, $"{name}:{image.Path}"))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                length += read;
            }
        }

        if (length != image.UncompressedSize)
        {
            throw new InvalidDataException($"COSI '{name}': image '{image.Path}' decompresses to {length} bytes, but uncompressedSize says {image.UncompressedSize}.");
        }
    }

    private static GptTable ReadGpt(Stream stream, string name, CosiImageFile image, CosiTarMember member, long diskSize)
    {
        if (image.UncompressedSize > GptLayout.MaxEntryArrayBytes + (64 * GptLayout.SectorSize))
        {
            throw new InvalidDataException($"COSI '{name}': the primary GPT image '{image.Path}' is {image.UncompressedSize} bytes, too large for a GPT.");
        }

        var region = new byte[image.UncompressedSize];
        using (var content = CosiFile.OpenMember(stream, member, image.UncompressedSize, image.Path))
        {
            content.ReadExactly(region);
        }

        var where = $"'{name}' primary GPT image '{image.Path}'";
        var expected = CosiGpt.RegionLength(region, where);
        if (expected != region.Length)
        {
            throw new InvalidDataException($"COSI {where}: is {region.Length} bytes, but the GPT header puts the end of the entry array at {expected}.");
        }

        return CosiGpt.Read(region, diskSize, where);
    }

    private static void CheckPartitions(string name, IReadOnlyList<CosiRegion> regions, GptTable gpt, Dictionary<string, (CosiTarMember Member, int Index)> byName)
    {
        var numbers = new HashSet<int>();
        long previousLba = -1;
        var previousIndex = byName[regions[0].Image.Path].Index;
        foreach (var region in regions.Skip(1))
        {
            var at = $"partition region {region.Number} ('{region.Image.Path}')";
            var entry = gpt.Partitions.FirstOrDefault(p => p.Number == region.Number)
                ?? throw new InvalidDataException($"COSI '{name}': {at} names no GPT entry.");
            if (!numbers.Add(entry.Number))
            {
                throw new InvalidDataException($"COSI '{name}': {at} appears twice in 'disk.gptRegions'.");
            }

            if (entry.FirstLba <= previousLba)
            {
                throw new InvalidDataException($"COSI '{name}': {at} starts at LBA {entry.FirstLba}, before the previous region; 'disk.gptRegions' must be in physical order.");
            }

            var index = byName[region.Image.Path].Index;
            if (index <= previousIndex)
            {
                throw new InvalidDataException($"COSI '{name}': {at} is tar member {index}, before the previous region's member {previousIndex}; images must be in physical disk order.");
            }

            if (region.Image.UncompressedSize > entry.SizeBytes)
            {
                throw new InvalidDataException($"COSI '{name}': {at} is {region.Image.UncompressedSize} bytes uncompressed, larger than the {entry.SizeBytes}-byte partition.");
            }

            previousLba = entry.FirstLba;
            previousIndex = index;
        }
    }
}
