using Basalt.Compression;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>Same inputs, same bytes; SOURCE_DATE_EPOCH moves only the times.</summary>
public sealed class RpmPackageWriterReproducibilityTests
{
    private const string EverythingButTimes =
        "%{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{SIZE}\n[%{FILENAMES} %{FILEMODES} %{FILEDIGESTS} %{FILESIZES}\n][%{REQUIRES}\n]";

    [Theory]
    [InlineData(CompressionFormat.Zstd)]
    [InlineData(CompressionFormat.Gzip)]
    public void Build_Twice_IdenticalBytes(CompressionFormat compression)
    {
        using var package = new TestPackage();

        var first = File.ReadAllBytes(package.Build("one", compression));
        // A later touch of the sources must not matter: times are clamped to SOURCE_DATE_EPOCH.
        File.SetLastWriteTimeUtc(package.Path("root/usr/bin/hello"), DateTime.UtcNow);
        var second = File.ReadAllBytes(package.Build("two", compression));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Build_OtherSourceDateEpoch_ChangesOnlyTimes()
    {
        using var package = new TestPackage();
        var first = package.Build("one", epoch: TestPackage.Epoch);
        var second = package.Build("two", epoch: TestPackage.Epoch + 86_400);

        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(TestPackage.Query(first, EverythingButTimes), TestPackage.Query(second, EverythingButTimes));
        Assert.Equal("1700000000 1700000000", TestPackage.Query(first, "%{BUILDTIME} %{FILEMTIMES}"));
        Assert.Equal("1700086400 1700086400", TestPackage.Query(second, "%{BUILDTIME} %{FILEMTIMES}"));
    }
}
