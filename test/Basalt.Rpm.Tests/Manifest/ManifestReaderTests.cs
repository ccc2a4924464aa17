using Basalt.Packaging;
using Basalt.Rpm.Manifest;
using Basalt.Rpm.Tests.Writer;
using Basalt.Rpm.Writer;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Manifest;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Load_FullManifest_ReadsEveryField()
    {
        using var package = new TestPackage();

        var definition = ManifestReader.Load(package.ManifestPath, TestPackage.Epoch);

        Assert.Equal(("hello-sh", 2, "1.4", "3.bs1", "noarch"), (definition.Name, definition.Epoch, definition.Version, definition.Release, definition.Arch));
        Assert.Equal("A tiny shell script that says hello.\nSecond line.", definition.Description);
        Assert.Equal(
            [new Dependency("bash", DependencyFlags.Greater | DependencyFlags.Equal, "5.0"), new Dependency("coreutils"), new Dependency("(grep or busybox)")],
            definition.Requires);
        Assert.Equal([new Dependency("hello-legacy", DependencyFlags.Less | DependencyFlags.Equal, "0.9-1")], definition.Obsoletes);
        Assert.Equal(
            [new RpmScriptlet(RpmScriptletKind.Post, "/bin/sh", "echo installed\n"), new RpmScriptlet(RpmScriptletKind.PreUn, "/bin/bash -e", "echo removing")],
            definition.Scriptlets);
        var conf = Assert.Single(definition.Files, f => f.Path == "/etc/hello.conf");
        Assert.Equal((RpmFileFlags.Config | RpmFileFlags.NoReplace, 0x1A0u, "adm"), (conf.Flags, conf.Permissions, conf.Group));
        var link = Assert.Single(definition.Files, f => f.Path == "/usr/share/hello/greeting-copy");
        Assert.Equal("/usr/share/hello/greeting", link.HardLinkTo);
        Assert.DoesNotContain(definition.Files, f => f.Path == "/usr/share/doc");
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryErrorOnce()
    {
        using var package = new TestPackage("""
            name: "bad name"
            version: 1.0-2
            release: ""
            epoch: -1
            summary: ok
            license: MIT
            colour: blue
            requires:
              - bash >> 5
              - (a or)
              - [nested]
            source: missing
            files:
              - path: usr/bin/x
              - path: /usr/bin/hello
                mode: "0999"
                owner: "Bad Owner"
                config: sometimes
              - path: /a
                symlink: b
                directory: true
              - path: /nowhere
              - path: /link
                hardlink: /not/packaged
              - just-a-string
            scriptlets:
              post:
                interpreter: sh
                body: echo
              during: echo
            """);

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Load(package.ManifestPath, TestPackage.Epoch));

        Assert.Equal(
            $"""
            '{package.ManifestPath}' is not a valid package manifest (20 errors):
              colour: unknown key (expected one of: name, epoch, version, release, arch, summary, description, license, url, group, vendor, packager, requires, provides, conflicts, obsoletes, recommends, suggests, supplements, enhances, source, files, scriptlets)
              name: 'bad name' is not a valid package name (letters, digits and . _ + - only)
              version: '1.0-2' is not a valid version (letters, digits and . _ + ~ ^ only; no '-')
              release: must not be empty
              epoch: '-1' is not a whole number from 0 to 2147483647
              description: is required
              requires[0]: 'bash >> 5' is not 'name', 'name OP version' (OP one of < <= = >= >) or a rich dependency '(…)'
              requires[1]: '(a or)' is not a valid rich dependency: {RichError("(a or)")}
              requires[2]: expected a text value
              files[0].path: 'usr/bin/x' is not an absolute, normalised path
              files[1].mode: '0999' is not an octal mode (0000-7777)
              files[1].owner: 'Bad Owner' is not a valid user name
              files[1].config: 'sometimes' is not true, false or noreplace
              files[2]: only one of directory, symlink and hardlink may be given
              files[5]: expected a mapping with at least 'path'
              source: the directory 'missing' does not exist (relative to the manifest)
              files[3].path: '/nowhere' is not in the source directory (declare it with directory, symlink, hardlink or ghost)
              files[4].hardlink: '/not/packaged' is not a packaged regular file with content
              scriptlets.during: unknown key (expected one of: pre, post, preun, postun, pretrans, posttrans)
              scriptlets.post.interpreter: 'sh' is neither an absolute path nor <lua>
            """,
            error.Message);
        Assert.Equal(20, error.Errors.Count);
    }

    [Fact]
    public void Load_NotYaml_ReportsLineAndColumn()
    {
        using var package = new TestPackage("name: a: b\nversion: 1\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Load(package.ManifestPath, null));

        Assert.StartsWith($"'{package.ManifestPath}': line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => ManifestReader.Load(directory.Path("nope.yaml"), null));

        Assert.Equal($"The package manifest '{directory.Path("nope.yaml")}' does not exist.", error.Message);
    }

    private static string RichError(string text)
    {
        var error = Assert.Throws<FormatException>(() => Basalt.Packaging.Rich.RichDependency.Parse(text));
        return error.Message;
    }
}
