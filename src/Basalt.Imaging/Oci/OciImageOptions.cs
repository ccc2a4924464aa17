namespace Basalt.Imaging.Oci;

/// <summary>What an OCI image carries besides its root filesystem (OCI image-spec v1.1, config.md).</summary>
public sealed record OciImageOptions
{
    /// <summary>The tag, recorded as the <c>org.opencontainers.image.ref.name</c> annotation in index.json.</summary>
    public required string Tag { get; init; }

    /// <summary>The build time: the config's <c>created</c>, the history entry and the creation annotation.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>GOARCH value: <c>amd64</c>, <c>arm64</c>, … (use <see cref="OciPlatform.FromRpmArch"/> for rpm names).</summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary>GOOS value.</summary>
    public string OperatingSystem { get; init; } = "linux";

    /// <summary>Gzip the layer (<c>tar+gzip</c>, deterministic header) instead of storing a plain tar.</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>The gzip level (1 to 9).</summary>
    public int GzipLevel { get; init; } = 6;

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Environment in "NAME=value" form; order is kept, as a process sees it.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>Labels; written sorted by key.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The history entry's <c>created_by</c>.</summary>
    public string CreatedBy { get; init; } = "basalt";
}

/// <summary>Maps rpm architecture names to the GOARCH names OCI configs use.</summary>
public static class OciPlatform
{
    public static string FromRpmArch(string rpmArch) => rpmArch switch
    {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "i686" or "i386" => "386",
        "ppc64le" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        _ => throw new ArgumentException($"No OCI architecture is known for rpm architecture '{rpmArch}'.", nameof(rpmArch)),
    };
}

/// <summary>The digests and sizes of what <see cref="OciImageWriter"/> wrote.</summary>
public sealed record OciImageResult(
    string ManifestDigest,
    long ManifestSize,
    string ConfigDigest,
    long ConfigSize,
    string LayerDigest,
    long LayerSize,
    string DiffId);
