using System.Security.Cryptography;
using Basalt.Imaging.Gpt;
using Basalt.IO;
using static Basalt.Imaging.Oci.TarLayout;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Reads a COSI 1.2 file and checks every MUST of the spec a file can break: the marker and metadata as the first
/// two members, relative member names, the schema, every referenced image present under <c>images/</c> with the
/// recorded compressed size, SHA-384, uncompressed size and a window within <c>maxWindowLog</c>; a valid primary
/// GPT as the first region and the next member; partition regions once each, by increasing start LBA, in tar order,
/// no larger than their partitions; filesystem images identical to their region entries; unique fsUuids.
/// </summary>
public static partial class CosiReader
{
    private const int MaxMetadataBytes = 16 << 20;

    /// <summary>True when the stream starts with a tar header for a member named <c>cosi-marker</c> (spec, "COSI Marker File").</summary>
    public static bool IsCosi(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length < BlockSize)
        {
            return false;
        }

        var block = new byte[BlockSize];
        stream.Position = 0;
        stream.ReadExactly(block);
        return block.AsSpan(0, NameLength).StartsWith("cosi-marker\0"u8);
    }

    /// <summary>Validates the whole file (every image is hashed and decompressed once); the stream must stay open while the result is used.</summary>
    public static CosiFile Read(Stream stream, string name = "input", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("COSI files must be read from a seekable stream.", nameof(stream));
        }

        var members = CosiTarScanner.Scan(stream, name);
        if (members.Count < 2 || members[0].Name != CosiWriter.MarkerName || members[0].TypeFlag != TypeRegular || members[0].Size != 0 || members[0].HeaderOffset != 0)
        {
            throw new InvalidDataException($"COSI '{name}': the first tar member must be the empty regular file 'cosi-marker' with no header before it (found '{members.FirstOrDefault()?.Name}').");
        }

        if (members[1].Name != CosiWriter.MetadataName || members[1].TypeFlag != TypeRegular)
        {
            throw new InvalidDataException($"COSI '{name}': the second tar member must be 'metadata.json' (found '{members[1].Name}').");
        }

        var byName = new Dictionary<string, (CosiTarMember Member, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var memberName = members[i].Name;
            if (memberName.StartsWith('/') || memberName.StartsWith("./", StringComparison.Ordinal) || memberName.Split('/').Contains(".."))
            {
                throw new InvalidDataException($"COSI '{name}': tar member '{memberName}' must be a relative path without './', '/' or '..'.");
            }

            if (!byName.TryAdd(memberName, (members[i], i)))
            {
                throw new InvalidDataException($"COSI '{name}': tar member '{memberName}' appears twice.");
            }
        }

        if (members[1].Size > MaxMetadataBytes)
        {
            throw new InvalidDataException($"COSI '{name}': metadata.json is {members[1].Size} bytes, more than {MaxMetadataBytes}.");
        }

        var json = new byte[members[1].Size];
        stream.Position = members[1].DataOffset;
        stream.ReadExactly(json, $"COSI '{name}' metadata.json", members[1].DataOffset);
        var metadata = CosiMetadataParser.Parse(json, name);

        var checkedImages = new Dictionary<string, CosiImageFile>(StringComparer.Ordinal);
        void CheckImage(CosiImageFile image)
        {
            if (checkedImages.TryGetValue(image.Path, out var seen))
            {
                if (seen != image)
                {
                    throw new InvalidDataException($"COSI '{name}': image '{image.Path}' is described twice with different sizes or hashes.");
                }

                return;
            }

            VerifyImage(stream, name, image, byName, metadata.MaxWindowLog, cancellationToken);
            checkedImages.Add(image.Path, image);
        }

        var regions = metadata.Disk.GptRegions;
        if (regions.Count == 0 || regions[0].Type != CosiRegion.PrimaryGpt || regions.Skip(1).Any(r => r.Type == CosiRegion.PrimaryGpt))
        {
            throw new InvalidDataException($"COSI '{name}': metadata.json 'disk.gptRegions' must hold exactly one 'primary-gpt' region, first.");
        }

        foreach (var region in regions)
        {
            CheckImage(region.Image);
        }

        if (byName[regions[0].Image.Path].Index != 2)
        {
            throw new InvalidDataException($"COSI '{name}': the primary GPT image '{regions[0].Image.Path}' must be the tar member right after metadata.json.");
        }

        var gpt = ReadGpt(stream, name, regions[0].Image, byName[regions[0].Image.Path].Member, metadata.Disk.Size);
        CheckPartitions(name, regions, gpt, byName);

        var uuids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fs in metadata.Images)
        {
            CheckImage(fs.Image);
            var matches = regions.Where(r => r.Image.Path == fs.Image.Path).ToList();
            if (matches.Count != 1 || matches[0].Image != fs.Image || matches[0].Type != CosiRegion.Partition)
            {
                throw new InvalidDataException($"COSI '{name}': filesystem '{fs.MountPoint}' image '{fs.Image.Path}' must equal exactly one partition entry of 'disk.gptRegions'.");
            }

            var entry = gpt.Partitions.Single(p => p.Number == matches[0].Number);
            if (entry.Type != fs.PartType)
            {
                throw new InvalidDataException($"COSI '{name}': filesystem '{fs.MountPoint}' partType {fs.PartType} differs from GPT entry {entry.Number}'s type {entry.Type}.");
            }

            if (!uuids.Add(fs.FsUuid))
            {
                throw new InvalidDataException($"COSI '{name}': fsUuid '{fs.FsUuid}' of '{fs.MountPoint}' is not unique.");
            }

            if (fs.Verity is { } verity)
            {
                CheckImage(verity.Image);
                if (verity.RootHash.Length == 0 || !verity.RootHash.All(Uri.IsHexDigit))
                {
                    throw new InvalidDataException($"COSI '{name}': verity roothash '{verity.RootHash}' of '{fs.MountPoint}' is not hexadecimal.");
                }
            }
        }

        return new CosiFile(stream, name, metadata, members, gpt);
    }
}
