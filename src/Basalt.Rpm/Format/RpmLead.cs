using System.Buffers.Binary;
using System.Text;

namespace Basalt.Rpm.Format;

/// <summary>
/// The 96-byte lead of an RPM file (format_lead.md). rpm itself ignores everything but the magic and
/// the signature type; the other fields are kept for display.
/// </summary>
public sealed record RpmLead(byte Major, byte Minor, short Type, short ArchNumber, string Name, short OsNumber, short SignatureType)
{
    private const int MajorOffset = 4;
    private const int MinorOffset = 5;
    private const int TypeOffset = 6;
    private const int ArchOffset = 8;
    private const int NameOffset = 10;
    private const int NameLength = 66;
    private const int OsOffset = 76;
    private const int SignatureTypeOffset = 78;

    /// <summary>True for a source package (type 1).</summary>
    public bool IsSource => Type == 1;

    /// <summary>True when <paramref name="data"/> starts with the lead magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(RpmFormat.LeadMagic);

    /// <summary>Parses a lead; throws <see cref="InvalidDataException"/> naming <paramref name="source"/> when it is not one.</summary>
    public static RpmLead Parse(ReadOnlySpan<byte> lead, string source)
    {
        if (lead.Length < RpmFormat.LeadSize)
        {
            throw new InvalidDataException($"'{source}': file is too short for an RPM lead ({lead.Length} bytes, need {RpmFormat.LeadSize}).");
        }

        if (!HasMagic(lead))
        {
            throw new InvalidDataException($"'{source}': not an RPM package (bad lead magic at offset 0).");
        }

        var major = lead[MajorOffset];
        if (major is < 3 or > 6)
        {
            throw new InvalidDataException($"'{source}': unsupported RPM lead version {major}.{lead[MinorOffset]} at offset {MajorOffset}.");
        }

        var signatureType = BinaryPrimitives.ReadInt16BigEndian(lead[SignatureTypeOffset..]);
        if (signatureType != RpmFormat.SignatureTypeHeader)
        {
            throw new InvalidDataException($"'{source}': unsupported signature type {signatureType} in the lead at offset {SignatureTypeOffset} (only header signatures, type 5, exist since rpm 3).");
        }

        var nameField = lead.Slice(NameOffset, NameLength);
        var end = nameField.IndexOf((byte)0);
        var name = Encoding.UTF8.GetString(end < 0 ? nameField : nameField[..end]);
        return new RpmLead(
            major,
            lead[MinorOffset],
            BinaryPrimitives.ReadInt16BigEndian(lead[TypeOffset..]),
            BinaryPrimitives.ReadInt16BigEndian(lead[ArchOffset..]),
            name,
            BinaryPrimitives.ReadInt16BigEndian(lead[OsOffset..]),
            signatureType);
    }
}
