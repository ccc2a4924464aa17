namespace Basalt.Compose.Machines;

/// <summary>Where a boot entry came from: a Boot Loader Specification type #1 file, or a Unified Kernel Image (type #2).</summary>
public enum BootEntryKind
{
    Type1,
    UnifiedKernelImage,
}

/// <summary>
/// One boot menu entry as systemd-boot sees it. <see cref="Id"/> is the file name (what loader.conf's <c>default</c>
/// glob matches). For type #1 entries <see cref="Linux"/>, <see cref="Initrds"/> and <see cref="Options"/> are the
/// entry's keys; for a UKI they are taken from its PE sections when the entry is extracted.
/// </summary>
public sealed record BootEntry
{
    public required string Id { get; init; }

    /// <summary>The entry's path on the ESP (the .conf or the .efi file).</summary>
    public required string Path { get; init; }

    public required BootEntryKind Kind { get; init; }

    public string? Title { get; init; }

    public string? Version { get; init; }

    public string? SortKey { get; init; }

    public string? MachineId { get; init; }

    public string? Linux { get; init; }

    public IReadOnlyList<string> Initrds { get; init; } = [];

    public string? Options { get; init; }

    /// <summary>Boot counting (the <c>+LEFT[-DONE]</c> suffix of the file name): entries with no tries left sort last.</summary>
    public int? TriesLeft { get; init; }
}
