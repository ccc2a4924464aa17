using Basalt.Compose.Boot.Initrd;

namespace Basalt.Compose.Definition;

/// <summary>The YAML keys of each mapping. A test checks them against the model's properties and the JSON Schema.</summary>
internal static class DefinitionKeys
{
    public static readonly string[] Root =
    [
        "name", "version", "arch", "hostname", "repositories", "packages", "groups", "users", "files", "systemd",
        "os_release", "kernel_cmdline", "boot", "disk", "outputs", "reproducibility",
    ];

    public static readonly string[] Repository = ["id", "baseurl", "path", "gpg_keys", "gpgcheck", "repo_gpgcheck", "priority"];

    public static readonly string[] Packages = ["install", "exclude", "weak_deps"];

    public static readonly string[] Group = ["name", "gid"];

    public static readonly string[] User = ["name", "uid", "groups", "home", "shell", "password_hash", "locked", "ssh_authorized_keys"];

    public static readonly string[] File = ["path", "content", "source", "mode", "owner", "group"];

    public static readonly string[] Systemd = ["enable", "disable", "mask"];

    public static readonly string[] Disk = ["size", "ab", "partitions"];

    public static readonly string[] Partitions = ["esp", "usr", "verity", "root"];

    public static readonly string[] Boot = ["kernel", "uki", "stub", "loader", "initrd"];

    public static readonly string[] Initrd = ["compression", "init", "packages", "files", "modules"];

    public static readonly IReadOnlyDictionary<string, InitrdCompression> InitrdCompressions = new Dictionary<string, InitrdCompression>(StringComparer.Ordinal)
    {
        ["zstd"] = InitrdCompression.Zstd,
        ["gzip"] = InitrdCompression.Gzip,
        ["none"] = InitrdCompression.None,
    };

    public static readonly string[] Reproducibility = ["source_date_epoch", "seed"];

    /// <summary>Architectures, in the spelling rpm uses.</summary>
    public static readonly IReadOnlyDictionary<string, ImageArch> Arches = new Dictionary<string, ImageArch>(StringComparer.Ordinal)
    {
        ["x86_64"] = ImageArch.X64,
        ["aarch64"] = ImageArch.Arm64,
    };

    public static readonly IReadOnlyDictionary<string, OutputFormat> Outputs = new Dictionary<string, OutputFormat>(StringComparer.Ordinal)
    {
        ["raw"] = OutputFormat.Raw,
        ["vhd"] = OutputFormat.Vhd,
        ["qcow2"] = OutputFormat.Qcow2,
        ["cosi"] = OutputFormat.Cosi,
        ["oci"] = OutputFormat.Oci,
    };

    /// <summary>The fields os-release(5) defines (systemd 256).</summary>
    public static readonly string[] OsReleaseFields =
    [
        "NAME", "ID", "ID_LIKE", "PRETTY_NAME", "CPE_NAME", "VARIANT", "VARIANT_ID", "VERSION", "VERSION_ID",
        "VERSION_CODENAME", "BUILD_ID", "IMAGE_ID", "IMAGE_VERSION", "RELEASE_TYPE", "HOME_URL", "DOCUMENTATION_URL",
        "SUPPORT_URL", "BUG_REPORT_URL", "PRIVACY_POLICY_URL", "SUPPORT_END", "LOGO", "ANSI_COLOR", "VENDOR_NAME",
        "VENDOR_URL", "DEFAULT_HOSTNAME", "ARCHITECTURE", "SYSEXT_LEVEL", "CONFEXT_LEVEL", "SYSEXT_SCOPE",
        "CONFEXT_SCOPE", "PORTABLE_PREFIXES",
    ];

    /// <summary>Fields whose os-release(5) alphabet is lower-case 0–9 a–z . _ -.</summary>
    public static readonly string[] OsReleaseIdentifiers = ["ID", "VERSION_ID", "VARIANT_ID", "IMAGE_ID", "IMAGE_VERSION"];

    /// <summary>Arguments Basalt writes itself (systemd-fstab-generator's usr verity options).</summary>
    public static readonly string[] ReservedKernelArguments = ["usrhash", "mount.usr", "mount.usrfstype", "mount.usrflags", "roothash"];
}
