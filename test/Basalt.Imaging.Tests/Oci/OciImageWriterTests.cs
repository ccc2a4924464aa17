using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Basalt.Imaging.Oci;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Oci;

public sealed class OciImageWriterTests
{
    [Fact]
    public async Task WriteAsync_Tree_SkopeoInspectShowsDigestsCreatedAndArchitecture()
    {
        var skopeo = ExternalTool.Require("skopeo", "skopeo");
        using var temp = new TempDirectory();
        var layout = temp.Path("layout");
        var result = await OciImageWriter.WriteAsync(OciSample.Build(), layout, OciSample.Options(), TestContext.Current.CancellationToken);

        var inspect = ExternalTool.Run(skopeo, ["inspect", $"oci:{layout}:v1.0"]).EnsureSuccess("skopeo inspect");
        using var image = JsonDocument.Parse(inspect.StandardOutput);
        var root = image.RootElement;
        Assert.Equal(result.ManifestDigest, root.GetProperty("Digest").GetString());
        Assert.Equal("amd64", root.GetProperty("Architecture").GetString());
        Assert.Equal("linux", root.GetProperty("Os").GetString());
        Assert.Equal(OciSample.Created, root.GetProperty("Created").GetDateTimeOffset());
        Assert.Equal([result.LayerDigest], root.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["PATH=/usr/bin:/bin", "LANG=C.UTF-8"], root.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("first", root.GetProperty("Labels").GetProperty("org.example.a").GetString());

        var config = ExternalTool.Run(skopeo, ["inspect", "--config", $"oci:{layout}:v1.0"]).EnsureSuccess("skopeo inspect --config");
        using var configJson = JsonDocument.Parse(config.StandardOutput);
        Assert.Equal(result.DiffId, configJson.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString());
        Assert.Equal(["/usr/bin/tool"], configJson.RootElement.GetProperty("config").GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));

        // The blob names are the SHA-256 of their contents.
        foreach (var blob in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")))
        {
            Assert.Equal(Path.GetFileName(blob), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))));
        }

        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(layout, "oci-layout")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_Tree_UmociRootlessUnpackEqualsSource(bool gzip)
    {
        var umoci = ExternalTool.Require("umoci", "umoci");
        using var temp = new TempDirectory();
        var layout = temp.Path("layout");
        var tree = OciSample.Build(withDevices: false);
        await OciImageWriter.WriteAsync(tree, layout, OciSample.Options(gzip), TestContext.Current.CancellationToken);
        var bundle = temp.Path("bundle");
        ExternalTool.Run(umoci, ["unpack", "--rootless", "--image", $"{layout}:v1.0", bundle]).EnsureSuccess("umoci unpack");

        // One line per path: type, permission bits, link count, symlink target, inode, mtime.
        var listing = ExternalTool.Run("find", [Path.Combine(bundle, "rootfs"), "-mindepth", "1", "-printf", "%P|%y|%m|%n|%l|%i|%T@\n"]).EnsureSuccess("find");
        var unpacked = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|'))
            .ToDictionary(f => "/" + f[0], f => f, StringComparer.Ordinal);
        var expected = tree.EnumerateDepthFirst().Where(e => e.Depth > 0).ToList();
        Assert.Equal(expected.Select(e => e.Path).Order(StringComparer.Ordinal), unpacked.Keys.Order(StringComparer.Ordinal));
        foreach (var entry in expected)
        {
            var fields = unpacked[entry.Path];
            var node = entry.Node;
            var type = node.Kind switch
            {
                FileNodeKind.Directory => "d",
                FileNodeKind.RegularFile => "f",
                FileNodeKind.SymbolicLink => "l",
                _ => "?",
            };
            Assert.True(type == fields[1], $"'{entry.Path}' is type {fields[1]}, expected {type}");
            if (node is not SymbolicLinkNode)
            {
                Assert.True(Convert.ToString(node.Mode, 8) == fields[2], $"'{entry.Path}' has mode {fields[2]}, expected {Convert.ToString(node.Mode, 8)}");
                Assert.True(node.ModificationTime.Seconds == (long)double.Parse(fields[6], System.Globalization.CultureInfo.InvariantCulture), $"'{entry.Path}' has mtime {fields[6]}");
            }

            switch (node)
            {
                case SymbolicLinkNode link:
                    Assert.Equal(link.Target, fields[4]);
                    break;
                case RegularFileNode file:
                    Assert.Equal(file.Content.ReadAllBytes(), File.ReadAllBytes(Path.Combine(bundle, "rootfs", entry.Path[1..])));
                    Assert.Equal(file.LinkCount.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[3]);
                    break;
            }
        }

        Assert.Equal(unpacked["/usr/bin/bash"][5], unpacked["/usr/bin/bash-hardlink"][5]);

        // Rootless umoci keeps non-root ownership in the user.rootlesscontainers xattr (protobuf uid 1000, gid 100),
        // and the layer's own xattrs, both recorded in the bundle's mtree manifest.
        var mtree = File.ReadAllLines(Directory.GetFiles(bundle, "*.mtree").Single());
        var osRelease = mtree.Single(l => l.TrimStart().StartsWith("os-release ", StringComparison.Ordinal));
        Assert.Contains("xattr.user.rootlesscontainers=COgHEGQ=", osRelease, StringComparison.Ordinal);
        Assert.Contains("xattr.user.comment=" + Convert.ToBase64String("hello"u8), osRelease, StringComparison.Ordinal);
        var su = mtree.Single(l => l.TrimStart().StartsWith("su ", StringComparison.Ordinal));
        Assert.DoesNotContain("rootlesscontainers", su, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_SameTreeTwiceAndReordered_SameDigests()
    {
        using var temp = new TempDirectory();
        var first = await OciImageWriter.WriteAsync(OciSample.Build(), temp.Path("a"), OciSample.Options(), TestContext.Current.CancellationToken);
        var second = await OciImageWriter.WriteAsync(OciSample.Build(), temp.Path("b"), OciSample.Options(), TestContext.Current.CancellationToken);
        var reordered = await OciImageWriter.WriteAsync(OciSample.Build(reverse: true), temp.Path("c"), OciSample.Options(), TestContext.Current.CancellationToken);
        Assert.Equal(first, second);
        Assert.Equal(first, reordered);
        Assert.Equal(File.ReadAllBytes(temp.Path("a", "index.json")), File.ReadAllBytes(temp.Path("c", "index.json")));

        var changed = OciSample.Build();
        changed.Get("/usr/bin/su").Mode = 0x1ED;
        var different = await OciImageWriter.WriteAsync(changed, temp.Path("d"), OciSample.Options(), TestContext.Current.CancellationToken);
        Assert.NotEqual(first.DiffId, different.DiffId);
    }

    [Fact]
    public async Task WriteAsync_Tree_LayerTarCarriesOwnersXattrsLinksAndDevices()
    {
        using var temp = new TempDirectory();
        var result = await OciImageWriter.WriteAsync(OciSample.Build(), temp.Path("layout"), OciSample.Options(), TestContext.Current.CancellationToken);
        using var blob = File.OpenRead(temp.Path("layout", "blobs", "sha256", result.LayerDigest["sha256:".Length..]));
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        var names = entries.Select(e => e.Name).ToList();
        Assert.DoesNotContain(names, n => n is "/" or "./" or "");
        Assert.True(names.IndexOf("usr/") < names.IndexOf("usr/bin/") && names.IndexOf("usr/bin/") < names.IndexOf("usr/bin/bash"));
        Assert.All(entries, e => Assert.Equal("", ((PosixTarEntry)e).UserName));
        Assert.All(entries, e => Assert.Equal("", ((PosixTarEntry)e).GroupName));

        var osRelease = Assert.IsType<PaxTarEntry>(entries.Single(e => e.Name == "etc/os-release"));
        Assert.Equal((1000, 100), (osRelease.Uid, osRelease.Gid));
        Assert.Equal("hello", osRelease.ExtendedAttributes["SCHILY.xattr.user.comment"]);
        var tool = Assert.IsType<PaxTarEntry>(entries.Single(e => e.Name == "usr/bin/tool"));
        Assert.Equal("1650000000.123456789", tool.ExtendedAttributes["mtime"]);
        Assert.True(tool.ExtendedAttributes.ContainsKey("SCHILY.xattr.security.capability"));

        var hardlink = entries.Single(e => e.Name == "usr/bin/bash-hardlink");
        Assert.Equal(TarEntryType.HardLink, hardlink.EntryType);
        Assert.Equal("usr/bin/bash", hardlink.LinkName);
        var device = Assert.IsAssignableFrom<PosixTarEntry>(entries.Single(e => e.Name == "dev/null"));
        Assert.Equal((TarEntryType.CharacterDevice, 1, 3), (device.EntryType, device.DeviceMajor, device.DeviceMinor));
        Assert.Equal(TarEntryType.Fifo, entries.Single(e => e.Name == "dev/fifo").EntryType);
        Assert.Contains(entries, e => e.Name == "deep/a/b/c/" + OciSample.LongName);
        Assert.Equal("/usr/" + new string('t', 120), entries.Single(e => e.Name == "usr/lib-link").LinkName);
    }

    [Fact]
    public async Task WriteAsync_BadTag_ThrowsAndLeavesNothing()
    {
        using var temp = new TempDirectory();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OciImageWriter.WriteAsync(OciSample.Build(), temp.Path("x"), OciSample.Options() with { Tag = "bad tag" }, TestContext.Current.CancellationToken));
        Assert.Contains("OCI tag 'bad tag' is not valid", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }
}
