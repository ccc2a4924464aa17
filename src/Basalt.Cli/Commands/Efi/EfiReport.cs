using Basalt.Imaging.Pe;

namespace Basalt.Cli.Commands.Efi;

/// <summary>What <c>efi inspect</c> prints, gathered once for both output forms.</summary>
internal sealed record EfiReport(string Path, PeImage Image, byte[] Sha256, AuthenticodeSignature? Signature)
{
    /// <summary>The UKI text sections systemd-stub and systemd-boot read, in the order they are printed.</summary>
    public static readonly string[] TextSections = [".osrel", ".cmdline", ".uname"];

    public string? Text(string section) => Image.TryGetSectionData(section, out var data)
        ? System.Text.Encoding.UTF8.GetString(data.Span).TrimEnd('\0')
        : null;
}
