namespace Basalt.Compose.Definition;

/// <summary>
/// A validated image definition (docs/image-definition.md) with every default applied. Each property is a YAML key:
/// the key is the property name in snake_case (<see cref="OsRelease"/> is <c>os_release</c>).
/// </summary>
public sealed record ImageDefinition
{
    /// <summary>Image name: artefact file names and the default <c>IMAGE_ID</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Image version, e.g. <c>2026.11.0</c>: artefact file names and <c>IMAGE_VERSION</c>.</summary>
    public required string Version { get; init; }

    public ImageArch Arch { get; init; } = ImageArch.X64;

    /// <summary>Static host name (/etc/hostname); null writes none and systemd uses its fallback.</summary>
    public string? Hostname { get; init; }

    public required IReadOnlyList<RepositoryDefinition> Repositories { get; init; }

    public required PackageSelection Packages { get; init; }

    public IReadOnlyList<GroupDefinition> Groups { get; init; } = [];

    public IReadOnlyList<UserDefinition> Users { get; init; } = [];

    public IReadOnlyList<FileDefinition> Files { get; init; } = [];

    public SystemdUnits Systemd { get; init; } = new();

    /// <summary>os-release(5) fields to set, always including IMAGE_ID and IMAGE_VERSION; sorted by key.</summary>
    public IReadOnlyDictionary<string, string> OsRelease { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Extra kernel command line arguments, in order; Basalt adds the usr verity arguments itself.</summary>
    public IReadOnlyList<string> KernelCmdline { get; init; } = [];

    /// <summary>How the image boots (kernel, initrd, UKI); null: no kernel is set up and the ESP holds only loader.conf.</summary>
    public BootDefinition? Boot { get; init; }

    public required DiskLayout Disk { get; init; }

    /// <summary>Artefacts to write, in the order given; default raw only.</summary>
    public IReadOnlyList<OutputFormat> Outputs { get; init; } = [OutputFormat.Raw];

    public required ReproducibilitySettings Reproducibility { get; init; }
}

/// <summary>Target architecture; the YAML spelling is rpm's (<c>x86_64</c>, <c>aarch64</c>).</summary>
public enum ImageArch
{
    X64,
    Arm64,
}

/// <summary>Artefact formats; the YAML spelling is the lower-case name.</summary>
public enum OutputFormat
{
    Raw,
    Vhd,
    Qcow2,
    Cosi,
    Oci,
}
