using System.Text;
using Basalt.Compose.Boot;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>
/// The trees an immutable image is written from: <see cref="Usr"/> (rooted at /usr, becomes the EROFS usr partition),
/// <see cref="Esp"/> (the EFI System Partition) and <see cref="Root"/> (the whole merged root, for the OCI artefact).
/// </summary>
public sealed record ImageTrees(FileTree Usr, FileTree Esp, FileTree Root)
{
    /// <summary>Kernel, initrd and EFI binaries when the definition boots (<c>boot:</c>); the UKI is made at write time.</summary>
    public BootAssets? Boot { get; init; }

    /// <summary>The text of /usr/lib/os-release as the layout wrote it, or null when the usr tree has none.</summary>
    public string? OsReleaseText => Usr.TryGet("/lib/os-release", out var node) && node is RegularFileNode file
        ? Encoding.UTF8.GetString(file.Content.ReadAllBytes())
        : null;
}
