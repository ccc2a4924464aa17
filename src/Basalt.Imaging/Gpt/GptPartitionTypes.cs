namespace Basalt.Imaging.Gpt;

/// <summary>
/// Partition type GUIDs from the UAPI Discoverable Partitions Specification (UAPI.2) for x86-64 and
/// AArch64, plus the architecture-independent ones. Names follow systemd-repart's type identifiers.
/// </summary>
public static class GptPartitionTypes
{
    public static readonly Guid Esp = new("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
    public static readonly Guid Xbootldr = new("bc13c2ff-59e6-4262-a352-b275fd6f7172");
    public static readonly Guid Swap = new("0657fd6d-a4ab-43c4-84e5-0933c84b4f4f");
    public static readonly Guid Home = new("933ac7e1-2eb4-4f13-b844-0e14e2aef915");
    public static readonly Guid Srv = new("3b8f8425-20e0-4f3b-907f-1a25a76f98e8");
    public static readonly Guid Var = new("4d21b016-b534-45c2-a9fb-5c16e091fd2d");
    public static readonly Guid Tmp = new("7ec6f557-3bc5-4aca-b293-16ef5df639d1");
    public static readonly Guid LinuxGeneric = new("0fc63daf-8483-4772-8e79-3d69d8477de4");

    public static readonly Guid RootX64 = new("4f68bce3-e8cd-4db1-96e7-fbcaf984b709");
    public static readonly Guid UsrX64 = new("8484680c-9521-48c6-9c11-b0720656f69e");
    public static readonly Guid RootVerityX64 = new("2c7357ed-ebd2-46d9-aec1-23d437ec2bf5");
    public static readonly Guid UsrVerityX64 = new("77ff5f63-e7b6-4633-acf4-1565b864c0e6");
    public static readonly Guid RootVeritySigX64 = new("41092b05-9fc8-4523-994f-2def0408b176");
    public static readonly Guid UsrVeritySigX64 = new("e7bb33fb-06cf-4e81-8273-e543b413e2e2");

    public static readonly Guid RootArm64 = new("b921b045-1df0-41c3-af44-4c6f280d3fae");
    public static readonly Guid UsrArm64 = new("b0e01050-ee5f-4390-949a-9101b17104e9");
    public static readonly Guid RootVerityArm64 = new("df3300ce-d69f-4c92-978c-9bfb0f38d820");
    public static readonly Guid UsrVerityArm64 = new("6e11a4e7-fbca-4ded-b9e9-e1a512bb664e");
    public static readonly Guid RootVeritySigArm64 = new("6db69de6-29f4-4758-a7a5-962190f00ce3");
    public static readonly Guid UsrVeritySigArm64 = new("c23ce4ff-44bd-4b00-b2d4-b41b3419e02a");

    private static readonly Dictionary<Guid, string> Names = new()
    {
        [Esp] = "esp",
        [Xbootldr] = "xbootldr",
        [Swap] = "swap",
        [Home] = "home",
        [Srv] = "srv",
        [Var] = "var",
        [Tmp] = "tmp",
        [LinuxGeneric] = "linux-generic",
        [RootX64] = "root-x86-64",
        [UsrX64] = "usr-x86-64",
        [RootVerityX64] = "root-x86-64-verity",
        [UsrVerityX64] = "usr-x86-64-verity",
        [RootVeritySigX64] = "root-x86-64-verity-sig",
        [UsrVeritySigX64] = "usr-x86-64-verity-sig",
        [RootArm64] = "root-arm64",
        [UsrArm64] = "usr-arm64",
        [RootVerityArm64] = "root-arm64-verity",
        [UsrVerityArm64] = "usr-arm64-verity",
        [RootVeritySigArm64] = "root-arm64-verity-sig",
        [UsrVeritySigArm64] = "usr-arm64-verity-sig",
    };

    /// <summary>Every known type, sorted by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, Guid>> All { get; } =
        [.. Names.Select(pair => KeyValuePair.Create(pair.Value, pair.Key)).OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    /// <summary>The systemd-repart style name of a type GUID, or null when it is not in the table.</summary>
    public static string? GetName(Guid type) => Names.GetValueOrDefault(type);

    /// <summary>Looks a type up by its name (e.g. <c>root-x86-64</c>) or parses a GUID.</summary>
    public static bool TryParse(string text, out Guid type)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (name, guid) in All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                type = guid;
                return true;
            }
        }

        return Guid.TryParse(text, out type);
    }
}
