using System.Globalization;

namespace Basalt.Cli.Commands.Efi;

/// <summary>The human-readable form of <c>efi inspect</c>.</summary>
internal static class EfiInspectText
{
    public static void Write(TextWriter output, EfiReport report)
    {
        var image = report.Image;
        output.WriteLine($"file:         {report.Path}");
        output.WriteLine($"format:       {(image.IsPe32Plus ? "PE32+" : "PE32")}");
        output.WriteLine($"machine:      {image.MachineName}");
        output.WriteLine($"subsystem:    {image.SubsystemName}");
        output.WriteLine($"authenticode: sha256:{Convert.ToHexStringLower(report.Sha256)}");
        output.WriteLine($"signature:    {Describe(report)}");
        output.WriteLine("sections:");
        output.WriteLine("  name      rva         size        file offset  raw size");
        foreach (var section in image.Sections)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {section.Name,-8}  0x{section.VirtualAddress:x8}  0x{section.VirtualSize:x8}  0x{section.PointerToRawData:x8}   0x{section.SizeOfRawData:x8}"));
        }

        foreach (var name in EfiReport.TextSections)
        {
            if (report.Text(name) is not { } text)
            {
                continue;
            }

            output.WriteLine($"{name}:");
            foreach (var line in text.TrimEnd('\n').Split('\n'))
            {
                output.WriteLine($"  {line}");
            }
        }
    }

    private static string Describe(EfiReport report)
    {
        if (report.Signature is not { } signature)
        {
            return "none";
        }

        var signer = signature.SignerSubject is { } subject ? $"'{subject}'" : "an unknown signer (certificate not included)";
        var state = signature.IsValid
            ? "valid"
            : !signature.DigestMatchesImage ? "INVALID: the image changed after signing" : "INVALID: the signature does not verify";
        return $"signed by {signer}, {state}";
    }
}
