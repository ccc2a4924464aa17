using Basalt.Compression;
using Basalt.Imaging.Gpt;
using Basalt.IO;

namespace Basalt.Imaging.Cosi;

/// <summary>A COSI file that <see cref="CosiReader"/> has validated: its metadata, tar members and GPT.</summary>
public sealed class CosiFile
{
    private readonly Stream _stream;
    private readonly Dictionary<string, CosiTarMember> _byName;

    internal CosiFile(Stream stream, string name, CosiMetadata metadata, IReadOnlyList<CosiTarMember> members, GptTable gpt)
    {
        _stream = stream;
        Name = name;
        Metadata = metadata;
        Members = members;
        Gpt = gpt;
        _byName = members.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>The file name used in messages.</summary>
    public string Name { get; }

    public CosiMetadata Metadata { get; }

    /// <summary>The tar members in archive order (before the end-of-archive marker).</summary>
    public IReadOnlyList<CosiTarMember> Members { get; }

    /// <summary>The GPT read from the primary-gpt region.</summary>
    public GptTable Gpt { get; }

    /// <summary>
    /// Opens the decompressed bytes of <paramref name="image"/>. The stream shares the COSI stream's position:
    /// read one image at a time, and do not use the COSI stream meanwhile.
    /// </summary>
    public Stream OpenImage(CosiImageFile image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var member = _byName.TryGetValue(image.Path, out var found)
            ? found
            : throw new InvalidDataException($"COSI '{Name}': no tar member '{image.Path}'.");
        return OpenMember(_stream, member, image.UncompressedSize, $"{Name}:{image.Path}");
    }

    internal static Stream OpenMember(Stream stream, CosiTarMember member, long uncompressedSize, string description)
    {
        stream.Position = member.DataOffset;
        var compressed = new BoundedReadStream(stream, member.Size, leaveOpen: true, description: description);

        // The declared size bounds the output; zeroed partitions compress far beyond any fixed ratio limit.
        var limits = new DecompressionLimits { MaxOutputBytes = uncompressedSize, MaxRatio = double.PositiveInfinity };
        return Decompression.Open(compressed, CompressionFormat.Zstd, limits, leaveOpen: false, description: description);
    }
}
