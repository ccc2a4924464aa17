using System.Text;
using Basalt.Compose.Install;
using Basalt.Rpm.Writer;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

/// <summary>Builds small packages with Basalt's own RpmPackageBuilder from a manifest written into a temporary folder.</summary>
internal static class TestPackages
{
    /// <summary>Builds NAME-1-1.noarch.rpm with <paramref name="files"/> (path → content) and extra manifest lines.</summary>
    public static PackageFile Build(TempDirectory temp, string name, IReadOnlyDictionary<string, byte[]> files, string extraYaml = "",
        long? fileTime = null)
    {
        var folder = temp.Path("src-" + name);
        var root = Path.Combine(folder, "root");
        Directory.CreateDirectory(root);
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(root, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
            if (fileTime is { } time)
            {
                File.SetLastWriteTimeUtc(target, DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime);
            }
        }

        var manifest = new StringBuilder()
            .AppendLine($"name: {name}")
            .AppendLine("version: \"1\"")
            .AppendLine("release: \"1\"")
            .AppendLine("summary: test package")
            .AppendLine("description: test package")
            .AppendLine("license: MIT")
            .AppendLine("source: root")
            .Append(extraYaml)
            .ToString();
        var manifestPath = Path.Combine(folder, "package.yaml");
        File.WriteAllText(manifestPath, manifest);
        var output = temp.Path("out");
        Directory.CreateDirectory(output);
        var rpm = RpmPackageBuilder.Build(manifestPath, output, new RpmWriterOptions { SourceDateEpoch = 2_000_000_000 });
        return new PackageFile($"{name}-1-1.noarch", rpm);
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
