using Basalt.Compression;
using Basalt.Rpm.Writer;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>
/// A package source tree and manifest in a temporary directory, built with <see cref="RpmPackageBuilder"/>, plus
/// helpers that ask the real rpm about the result.
/// </summary>
internal sealed class TestPackage : IDisposable
{
    public const long Epoch = 1_700_000_000;

    /// <summary>The manifest used by most tests: every feature the writer supports, with a rich dependency.</summary>
    public const string FullManifest = """
        name: hello-sh
        epoch: 2
        version: "1.4"
        release: 3.bs1
        arch: noarch
        summary: Says hello from the shell
        description: |
          A tiny shell script that says hello.
          Second line.
        license: MIT
        url: https://example.org/hello
        group: Applications/System
        vendor: Basalt
        packager: Basalt Test <test@example.org>
        requires:
          - bash >= 5.0
          - coreutils
          - (grep or busybox)
        provides:
          - greeting = 1.4
        conflicts:
          - hello-old < 1.0
        obsoletes:
          - hello-legacy <= 0.9-1
        recommends:
          - less
        suggests:
          - figlet
        supplements:
          - shell-tools
        enhances:
          - bash
        source: root
        files:
          - path: /usr/bin/hello
            mode: "0755"
          - path: /etc/hello.conf
            config: noreplace
            mode: "0640"
            group: adm
          - path: /usr/share/hello
            directory: true
          - path: /usr/share/hello/greeting-copy
            hardlink: /usr/share/hello/greeting
          - path: /usr/share/doc/hello-sh/README
            doc: true
          - path: /var/log/hello.log
            ghost: true
          - path: /var/lib/hello
            directory: true
            mode: "0700"
        scriptlets:
          post: |
            echo installed
          preun:
            interpreter: /bin/bash -e
            body: echo removing
        """;

    private readonly TempDirectory _directory = new("basalt-rpmwrite");

    public TestPackage(string manifest = FullManifest)
    {
        Write("root/usr/bin/hello", "#!/bin/sh\necho hello\n");
        Write("root/etc/hello.conf", "greeting=hello\n");
        Write("root/usr/share/hello/greeting", "Hello, world!\n");
        Write("root/usr/share/doc/hello-sh/README", "Read me.\n");
        File.CreateSymbolicLink(_directory.Path("root/usr/bin/hi"), "hello");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory.Path("root/usr/bin/hello"), (UnixFileMode)0x1ED);
        }
        File.WriteAllText(ManifestPath, manifest);
    }

    public string Root => _directory.FullPath;

    public string ManifestPath => _directory.Path("package.yaml");

    public string Path(params string[] parts) => _directory.Path(parts);

    public void Write(string relative, string content)
    {
        var path = _directory.Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Build(string outputName = "out", CompressionFormat compression = CompressionFormat.Zstd, long epoch = Epoch) =>
        RpmPackageBuilder.Build(ManifestPath, _directory.Path(outputName), new RpmWriterOptions { Compression = compression, SourceDateEpoch = epoch });

    public static string Rpm(params string[] arguments)
    {
        var rpm = ExternalTool.Require("rpm", "rpm");
        return ExternalTool.Run(rpm, arguments).EnsureSuccess("rpm " + string.Join(' ', arguments)).StandardOutput;
    }

    public static string Query(string package, string format) => Rpm("-qp", "--nosignature", "--nodigest", "--qf", format, package);

    public void Dispose() => _directory.Dispose();
}
