using System.Security.Cryptography;
using System.Text;
using Basalt.Compression;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>Packages Basalt writes, read back by the real rpm 4.18: digests, queried tags, payload listing.</summary>
public sealed class RpmPackageWriterRpmTests
{
    [Theory]
    [InlineData(CompressionFormat.Zstd)]
    [InlineData(CompressionFormat.Gzip)]
    public void Build_FullManifest_RpmChecksEveryDigest(CompressionFormat compression)
    {
        using var package = new TestPackage();
        var path = package.Build(compression: compression);

        var output = TestPackage.Rpm("-Kv", path);

        Assert.Equal(
            $"{path}:\n    Header SHA256 digest: OK\n    Header SHA1 digest: OK\n    Payload SHA256 digest: OK\n    MD5 digest: OK\n",
            output);
    }

    [Fact]
    public void Build_FullManifest_RpmShowsIdentityAndText()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var output = TestPackage.Query(path,
            "%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{OS}|%{SUMMARY}|%{LICENSE}|%{URL}|%{GROUP}|%{VENDOR}|%{PACKAGER}|"
            + "%{BUILDTIME}|%{BUILDHOST}|%{SIZE}|%{SOURCERPM}|%{PAYLOADFORMAT}|%{PAYLOADCOMPRESSOR}|%{PAYLOADFLAGS}|%{ENCODING}|%{FILEDIGESTALGO}\n%{DESCRIPTION}");

        // SIZE: 21 + 15 + 14 (one hard-link set) + 9 + 5 (symlink target) bytes.
        Assert.Equal(
            "hello-sh|2|1.4|3.bs1|noarch|linux|Says hello from the shell|MIT|https://example.org/hello|Applications/System|Basalt|"
            + "Basalt Test <test@example.org>|1700000000|basalt|64|hello-sh-1.4-3.bs1.src.rpm|cpio|zstd|19|utf-8|8\n"
            + "A tiny shell script that says hello.\nSecond line.",
            output);
    }

    [Fact]
    public void Build_FullManifest_RpmShowsDependenciesWithFlags()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var requires = TestPackage.Query(path, "[%{REQUIRENAME} %{REQUIREFLAGS:depflags} %{REQUIREVERSION} %{REQUIREFLAGS}\n]");
        var provides = TestPackage.Rpm("-qp", "--nosignature", "--nodigest", "--provides", path);
        var others = TestPackage.Query(path,
            "[C %{CONFLICTNAME} %{CONFLICTFLAGS:depflags} %{CONFLICTVERSION}\n][O %{OBSOLETENAME} %{OBSOLETEFLAGS:depflags} %{OBSOLETEVERSION}\n]"
            + "[R %{RECOMMENDNAME}\n][S %{SUGGESTNAME}\n][U %{SUPPLEMENTNAME}\n][E %{ENHANCENAME}\n]");

        Assert.Equal(
            """
            (grep or busybox)   0
            /bin/bash   2304
            /bin/sh   1280
            bash >= 5.0 12
            config(hello-sh) = 2:1.4-3.bs1 268435464
            coreutils   0
            rpmlib(CompressedFileNames) <= 3.0.4-1 16777226
            rpmlib(FileDigests) <= 4.6.0-1 16777226
            rpmlib(PartialHardlinkSets) <= 4.0.4-1 16777226
            rpmlib(PayloadFilesHavePrefix) <= 4.0-1 16777226
            rpmlib(PayloadIsZstd) <= 5.4.18-1 16777226
            rpmlib(RichDependencies) <= 4.12.0-1 16777226
            rpmlib(ScriptletInterpreterArgs) <= 4.0.3-1 16777226

            """,
            requires);
        Assert.Equal("config(hello-sh) = 2:1.4-3.bs1\ngreeting = 1.4\nhello-sh = 2:1.4-3.bs1\n", provides);
        Assert.Equal(
            "C hello-old < 1.0\nO hello-legacy <= 0.9-1\nR less\nS figlet\nU shell-tools\nE bash\n",
            others);
    }

    [Fact]
    public void Build_FullManifest_RpmShowsFilesWithAttributes()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var output = TestPackage.Query(path,
            "[%{FILENAMES}|%{FILEMODES:perms}|%{FILEUSERNAME}|%{FILEGROUPNAME}|%{FILESIZES}|%{FILEMTIMES}|%{FILEFLAGS:fflags}|%{FILELINKTOS}|%{FILENLINKS}|%{FILEDIGESTS}\n]");

        var hello = Sha256("#!/bin/sh\necho hello\n");
        var greeting = Sha256("Hello, world!\n");
        Assert.Equal(
            $"""
            /etc/hello.conf|-rw-r-----|root|adm|15|1700000000|cn||1|{Sha256("greeting=hello\n")}
            /usr/bin/hello|-rwxr-xr-x|root|root|21|1700000000|||1|{hello}
            /usr/bin/hi|lrwxrwxrwx|root|root|5|1700000000||hello|1|
            /usr/share/doc/hello-sh/README|-rw-r--r--|root|root|9|1700000000|d||1|{Sha256("Read me.\n")}
            /usr/share/hello|drwxr-xr-x|root|root|0|1700000000|||1|
            /usr/share/hello/greeting|-rw-r--r--|root|root|14|1700000000|||2|{greeting}
            /usr/share/hello/greeting-copy|-rw-r--r--|root|root|14|1700000000|||2|{greeting}
            /var/lib/hello|drwx------|root|root|0|1700000000|||1|
            /var/log/hello.log|-rw-r--r--|root|root|0|1700000000|g||1|

            """,
            output);
    }

    [Fact]
    public void Build_FullManifest_RpmShowsScriptletsWithInterpreters()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var output = TestPackage.Rpm("-qp", "--nosignature", "--nodigest", "--scripts", path);

        Assert.Equal(
            "postinstall scriptlet (using /bin/sh):\necho installed\npreuninstall scriptlet (using /bin/bash -e):\necho removing\n",
            output);
    }

    [Fact]
    public void Build_FullManifest_Rpm2CpioListsPayloadWithPrefixes()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var listing = ExternalTool.Shell($"rpm2cpio '{path}' | cpio -tv --quiet").EnsureSuccess("rpm2cpio | cpio -tv").StandardOutput;

        Assert.Equal(
            """
            -rw-r-----   1 root     root           15 Nov 14  2023 ./etc/hello.conf
            -rwxr-xr-x   1 root     root           21 Nov 14  2023 ./usr/bin/hello
            lrwxrwxrwx   1 root     root            5 Nov 14  2023 ./usr/bin/hi -> hello
            -rw-r--r--   1 root     root            9 Nov 14  2023 ./usr/share/doc/hello-sh/README
            drwxr-xr-x   1 root     root            0 Nov 14  2023 ./usr/share/hello
            -rw-r--r--   2 root     root            0 Nov 14  2023 ./usr/share/hello/greeting
            -rw-r--r--   2 root     root           14 Nov 14  2023 ./usr/share/hello/greeting-copy
            drwx------   1 root     root            0 Nov 14  2023 ./var/lib/hello

            """,
            listing);
    }

    [Fact]
    public void Build_FullManifest_RpmListsFilesVerbosely()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var lines = TestPackage.Rpm("-qlvp", "--nosignature", "--nodigest", path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(9, lines.Length);
        Assert.Equal("-rw-r-----    1 root     adm                        15 Nov 14  2023 /etc/hello.conf", lines[0]);
        Assert.Equal("lrwxrwxrwx    1 root     root                        5 Nov 14  2023 /usr/bin/hi -> hello", lines[2]);
    }

    internal static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
