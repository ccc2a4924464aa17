using Basalt.Compose.Definition;
using Basalt.Imaging.Gpt;

namespace Basalt.Compose.Layout;

/// <summary>The per-architecture names the layout and the artefacts use.</summary>
public static class Architecture
{
    /// <summary>The UAPI Discoverable Partitions architecture suffix (<c>usr-x86-64</c>, <c>root-arm64</c>).</summary>
    public static string PartitionSuffix(ImageArch arch) => arch == ImageArch.Arm64 ? "arm64" : "x86-64";

    /// <summary>The Boot Loader Specification <c>architecture</c> key (the EFI name: x64, aa64).</summary>
    public static string EfiName(ImageArch arch) => arch == ImageArch.Arm64 ? "aa64" : "x64";

    /// <summary>rpm's spelling, also COSI's osArch.</summary>
    public static string RpmName(ImageArch arch) => arch == ImageArch.Arm64 ? "aarch64" : "x86_64";

    /// <summary>COSI 1.2 osArch (x86_64 or arm64).</summary>
    public static string CosiName(ImageArch arch) => arch == ImageArch.Arm64 ? "arm64" : "x86_64";

    public static Guid UsrType(ImageArch arch) => arch == ImageArch.Arm64 ? GptPartitionTypes.UsrArm64 : GptPartitionTypes.UsrX64;

    public static Guid UsrVerityType(ImageArch arch) => arch == ImageArch.Arm64 ? GptPartitionTypes.UsrVerityArm64 : GptPartitionTypes.UsrVerityX64;
}
