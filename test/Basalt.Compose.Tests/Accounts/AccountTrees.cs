using System.Text;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Accounts;

/// <summary>Builds the same small root both as a <see cref="FileTree"/> and as a host folder for systemd-sysusers --root.</summary>
internal static class AccountTrees
{
    public const long Epoch = 1_700_000_000; // 2023-11-14: shadow day 19675

    public static readonly string[] AccountFilePaths = ["/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow"];

    public static FileTree Tree(IReadOnlyDictionary<string, string> files)
    {
        var tree = new FileTree();
        foreach (var (path, content) in files)
        {
            if (content.StartsWith("->", StringComparison.Ordinal))
            {
                tree.AddSymbolicLink(path, content[2..]);
            }
            else
            {
                tree.AddFile(path, Encoding.UTF8.GetBytes(content));
            }
        }

        return tree;
    }

    /// <summary>Writes the files under <paramref name="root"/>; a value "->target" makes a symbolic link.</summary>
    public static void Write(string root, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, content) in files)
        {
            var full = root + path;
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (content.StartsWith("->", StringComparison.Ordinal))
            {
                File.CreateSymbolicLink(full, content[2..]);
            }
            else
            {
                File.WriteAllText(full, content);
            }
        }
    }

    public static string Text(FileTree tree, string path) =>
        tree.TryGet(path, out var node) ? Encoding.UTF8.GetString(((RegularFileNode)node).Content.ReadAllBytes()) : "";

    /// <summary>Runs the real systemd-sysusers on a folder holding <paramref name="files"/>; returns the four account files.</summary>
    public static Dictionary<string, string> RunSystemdSysusers(IReadOnlyDictionary<string, string> files)
    {
        var tool = ExternalTool.Require("systemd-sysusers", "systemd");
        using var root = new TempDirectory("sysusers");
        Write(root.FullPath, files);
        Directory.CreateDirectory(root.Path("etc"));
        var result = ExternalTool.Run(tool, ["--root=" + root.FullPath],
            environment: new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.ExitCode == 0, result.StandardError);
        return AccountFilePaths.ToDictionary(p => p, p => File.Exists(root.FullPath + p) ? File.ReadAllText(root.FullPath + p) : "");
    }

    /// <summary>The host's own sysusers.d files (Debian's systemd package ships basic.conf and friends).</summary>
    public static Dictionary<string, string> HostSysusersFiles()
    {
        const string folder = "/usr/lib/sysusers.d";
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.conf") : [];
        if (files.Length == 0)
        {
            Assert.Skip($"'{folder}' holds no sysusers.d files (apt-get install systemd).");
        }

        return files.ToDictionary(f => $"{folder}/{Path.GetFileName(f)}", File.ReadAllText, StringComparer.Ordinal);
    }
}
