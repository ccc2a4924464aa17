using System.Buffers.Binary;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests.Cpio;

/// <summary>Real cpio archives: go-rpmutils' *.cpio files and RPM payloads decompressed by rpm2cpio.</summary>
internal static class CpioFixtures
{
    /// <summary>Packages whose payloads cover hard links (data on the last link), symlinks, directories and several compressors.</summary>
    public static readonly string[] Packages =
    [
        "rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm",
        "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm",
        "rpms/rpm-rs/historical@2aa5d15/test_assets/389-ds-base-devel-1.3.8.4-15.el7.x86_64.rpm",
        "rpms/rpm-rs/historical@2aa5d15/test_assets/rpm-sign-4.15.1-1.fc31.x86_64.rpm",
        "repodata/libdnf/data/tests/hawkey/yum/tour-4-6.noarch.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-7-2.1511.el7.centos.2.10.x86_64.rpm",
        "rpms/go-rpmutils/testdata/payload-test-0.1-w9.gzdio.x86_64.rpm",
        "rpms/go-rpmutils/testdata/payload-test-0.1-w6.lzdio.x86_64.rpm",
    ];

    public static TheoryData<string> PackageData() => [.. Packages];

    /// <summary>The uncompressed payload, as rpm itself decodes it.</summary>
    public static byte[] Rpm2Cpio(string package)
    {
        ExternalTool.Require("rpm2cpio", "rpm2cpio");
        return ExternalTool.Run("rpm2cpio", [Fixtures.Path(package)]).EnsureSuccess("rpm2cpio").StandardOutputBytes;
    }

    /// <summary>GNU cpio's listing of an archive, one name per line.</summary>
    public static string[] CpioList(byte[] archive)
    {
        ExternalTool.Require("cpio", "cpio");
        var result = ExternalTool.Run("cpio", ["-t", "--quiet"], stdin: archive).EnsureSuccess("cpio -t");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Extracts with GNU cpio (-d make directories, -m keep mtimes) into <paramref name="directory"/>.</summary>
    public static void CpioExtract(byte[] archive, string directory)
    {
        ExternalTool.Require("cpio", "cpio");
        Directory.CreateDirectory(directory);
        ExternalTool.Run("cpio", ["-idm", "--quiet", "--no-absolute-filenames"], workingDirectory: directory, stdin: archive)
            .EnsureSuccess("cpio -idm");
    }

    /// <summary>
    /// One line per path under <paramref name="directory"/>: type, mode, link count, size and mtime of files, symlink
    /// target, content hash, sorted. Directory and symlink times are left out: GNU cpio -m leaves both at "now"
    /// (it sets a directory's time before writing into it), where Basalt applies the archive's times.
    /// </summary>
    public static string Describe(string directory)
    {
        var result = ExternalTool.Shell(
            "find . -mindepth 1 \\( -type l -printf '%p %y %m %n %l\\n' \\) -o \\( -type d -printf '%p %y %m %n\\n' \\) -o \\( -printf '%p %y %m %n %s %T@ ' -a -exec sh -c 'sha256sum < \"$1\" | cut -c1-16' _ {} \\; \\) | sort",
            directory).EnsureSuccess("find");
        return result.StandardOutput;
    }

    /// <summary>The raw payload of an RPM (after lead, signature header with its padding, and header).</summary>
    public static byte[] RawPayload(string package)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path(package));
        var offset = SkipHeader(bytes, 96);
        offset = SkipHeader(bytes, (offset + 7) & ~7);
        return bytes[offset..];
    }

    private static int SkipHeader(byte[] bytes, int offset)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 8));
        var store = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 12));
        return offset + 16 + (count * 16) + store;
    }
}
