using System.Text;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Layout;

/// <summary>A small installed root tree and definition, built by hand, for the layout and output tests.</summary>
internal static class LayoutFixture
{
    public const long Epoch = 1_700_000_000;
    public const long MiB = 1024 * 1024;
    public const string KernelVersion = "6.1.0-test";

    public const string PackagedOsRelease = """
        # The distribution's identity
        NAME="Test Linux"
        ID=testlinux
        VERSION_ID=41
        PRETTY_NAME='Test Linux 41'
        HOME_URL="https://example.org/"

        """;

    public static ImageDefinition Definition(Action<ImageDefinitionBuilder>? change = null)
    {
        var builder = new ImageDefinitionBuilder();
        change?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>/usr with files, a hard link, a symlink and a kernel; /etc, /var, /home, /root and the merged-/usr links.</summary>
    public static FileTree Root(bool withKernel = true)
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(Epoch - 100) };
        tree.AddFile("/usr/bin/hello", Text("#!/bin/sh\necho hello\n"), 0x1ED);
        tree.AddHardLink("/usr/bin/hello-again", "/usr/bin/hello");
        tree.AddSymbolicLink("/usr/bin/sh", "bash");
        tree.AddFile("/usr/bin/bash", Pattern(300_000, 7), 0x1ED);
        tree.AddFile("/usr/lib/os-release", Text(PackagedOsRelease));
        tree.AddFile("/usr/share/doc/big.bin", Pattern(2 * 1024 * 1024 + 123, 3));
        if (withKernel)
        {
            tree.AddFile($"/usr/lib/modules/{KernelVersion}/vmlinuz", Pattern(70_000, 11));
        }

        // A file newer than SOURCE_DATE_EPOCH: its time must be clamped.
        tree.AddFile("/usr/share/doc/new.txt", Text("from the future\n")).ModificationTime = new FileTimestamp(Epoch + 5000);
        tree.AddSymbolicLink("/etc/os-release", "../usr/lib/os-release");
        tree.AddFile("/etc/passwd", Text("root:x:0:0:root:/root:/bin/bash\ncore:x:1000:1000::/home/core:/bin/bash\n"));
        tree.AddFile("/etc/ssh/sshd_config", Text("PermitRootLogin no\n"), 0x180);
        tree.AddSymbolicLink("/etc/systemd/system/multi-user.target.wants/sshd.service", "/usr/lib/systemd/system/sshd.service");
        tree.AddDirectory("/var/lib/app");
        tree.AddDirectory("/var/log");
        tree.AddDirectory("/home");
        var key = tree.AddFile("/home/core/.ssh/authorized_keys", Text("ssh-ed25519 AAAA core\n"), 0x180);
        key.Uid = 1000;
        key.Gid = 1000;
        tree.AddDirectory("/root", 0x168);
        tree.AddDirectory("/tmp", 0x3FF);
        tree.AddSymbolicLink("/bin", "usr/bin");
        tree.AddSymbolicLink("/lib64", "usr/lib64");
        return tree;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Deterministic, incompressible-looking bytes.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>Builds the definition the fixtures use; tests change single settings.</summary>
internal sealed class ImageDefinitionBuilder
{
    public string Name { get; set; } = "testos";

    public string Version { get; set; } = "1.2.3";

    public string? Hostname { get; set; } = "node1";

    public bool AB { get; set; } = true;

    public long Usr { get; set; } = 24 * LayoutFixture.MiB;

    public long Esp { get; set; } = 40 * LayoutFixture.MiB;

    public long? Size { get; set; }

    public IReadOnlyList<OutputFormat> Outputs { get; set; } = [OutputFormat.Raw, OutputFormat.Vhd, OutputFormat.Qcow2, OutputFormat.Cosi, OutputFormat.Oci];

    public SortedDictionary<string, string> OsRelease { get; } = new(StringComparer.Ordinal)
    {
        ["ID"] = "testos",
        ["PRETTY_NAME"] = "Test OS \"Basalt\" $HOME",
        ["VARIANT_ID"] = "container-host",
        ["IMAGE_ID"] = "testos",
        ["IMAGE_VERSION"] = "1.2.3",
    };

    public ImageDefinition Build() => new()
    {
        Name = Name,
        Version = Version,
        Hostname = Hostname,
        Repositories = [],
        Packages = new PackageSelection { Install = ["hello"] },
        OsRelease = OsRelease,
        KernelCmdline = ["console=ttyS0,115200", "quiet"],
        Disk = new DiskLayout
        {
            Size = Size,
            AB = AB,
            Partitions = new DiskPartitions { Esp = Esp, Usr = Usr, Verity = LayoutFixture.MiB, Root = 16 * LayoutFixture.MiB },
        },
        Outputs = Outputs,
        Reproducibility = new ReproducibilitySettings { Seed = $"{Name}-{Version}", SourceDateEpoch = LayoutFixture.Epoch },
    };
}
