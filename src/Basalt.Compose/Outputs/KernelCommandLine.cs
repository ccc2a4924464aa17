using Basalt.Compose.Definition;

namespace Basalt.Compose.Outputs;

/// <summary>
/// The kernel command line of a usr-verity image. <c>usrhash=</c> makes systemd-veritysetup-generator(8) open
/// /dev/mapper/usr from the partitions whose UUIDs are the halves of the hash; <c>mount.usr=</c>,
/// <c>mount.usrfstype=</c> and <c>mount.usrflags=</c> make systemd-fstab-generator(8) mount that device on
/// /sysusr/usr and /sysroot/usr in the initrd. root= is left out: the root partition is found by
/// systemd-gpt-auto-generator(8) after systemd-repart creates it. The definition's arguments follow, in order.
/// </summary>
public static class KernelCommandLine
{
    public const string UsrDevice = "/dev/mapper/usr";

    public static string Build(string usrRootHash, ImageDefinition definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(usrRootHash);
        ArgumentNullException.ThrowIfNull(definition);
        IEnumerable<string> arguments = [$"usrhash={usrRootHash}", $"mount.usr={UsrDevice}", "mount.usrfstype=erofs", "mount.usrflags=ro"];
        return string.Join(' ', arguments.Concat(definition.KernelCmdline));
    }
}
