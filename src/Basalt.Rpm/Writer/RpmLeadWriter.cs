using System.Buffers.Binary;
using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Writes the 96-byte lead as rpm 4 does (format_lead.md, rpmLeadFromHeader): magic, version 3.0, type 0 (binary),
/// the architecture number, "name-version-release" NUL-padded to 66 bytes, OS 1 (Linux), signature type 5 and
/// 16 reserved zero bytes. rpm reads only the magic and the signature type back.
/// </summary>
internal static class RpmLeadWriter
{
    private const int NameLength = 66;

    /// <summary>rpm's rpmrc arch_canon numbers for the architectures a distribution builds.</summary>
    private static readonly Dictionary<string, short> ArchNumbers = new(StringComparer.Ordinal)
    {
        ["noarch"] = 1,
        ["x86_64"] = 1,
        ["i386"] = 1,
        ["i486"] = 1,
        ["i586"] = 1,
        ["i686"] = 1,
        ["ppc"] = 5,
        ["armv7hl"] = 12,
        ["s390"] = 14,
        ["s390x"] = 15,
        ["ppc64"] = 16,
        ["ppc64le"] = 16,
        ["aarch64"] = 19,
        ["riscv64"] = 22,
        ["loongarch64"] = 23,
    };

    public static byte[] Create(string name, string version, string release, string arch)
    {
        var lead = new byte[RpmFormat.LeadSize];
        RpmFormat.LeadMagic.CopyTo(lead);
        lead[4] = 3;
        lead[5] = 0;
        BinaryPrimitives.WriteInt16BigEndian(lead.AsSpan(6), 0);
        BinaryPrimitives.WriteInt16BigEndian(lead.AsSpan(8), ArchNumbers.GetValueOrDefault(arch, (short)0));
        var nvr = Encoding.UTF8.GetBytes($"{name}-{version}-{release}");
        nvr.AsSpan(0, Math.Min(nvr.Length, NameLength - 1)).CopyTo(lead.AsSpan(10));
        BinaryPrimitives.WriteInt16BigEndian(lead.AsSpan(76), 1);
        BinaryPrimitives.WriteInt16BigEndian(lead.AsSpan(78), RpmFormat.SignatureTypeHeader);
        return lead;
    }
}
