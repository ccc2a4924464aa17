using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Format;

public sealed class RpmPackageHeadersTests
{
    /// <summary>Every package listed in shared/data/rpms/RPM-INVENTORY.tsv (which rpm 4.18 reads), with its NEVRA columns.</summary>
    public static TheoryData<string, string, string, string, string> InventoryPackages()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var line in File.ReadLines(Fixtures.Path("rpms/RPM-INVENTORY.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            data.Add(columns[0], columns[3], columns[5], columns[6], columns[7]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InventoryPackages))]
    public void Read_InventoryPackage_MatchesInventoryNevra(string path, string name, string version, string release, string arch)
    {
        var headers = RpmPackageHeaders.Read(Fixtures.Path(path));

        Assert.Equal(name, headers.Header.GetString(RpmTag.Name));
        Assert.Equal(version, headers.Header.GetString(RpmTag.Version));
        Assert.Equal(release, headers.Header.GetString(RpmTag.Release));
        // Source packages carry the build arch in the header; the inventory lists "src" for them.
        if (arch != "src")
        {
            Assert.Equal(arch, headers.Header.GetString(RpmTag.Arch));
        }

        Assert.Equal(RpmFormat.HeaderImmutableTag, headers.Header.RegionTag);
        Assert.Equal(headers.Header.Entries.Count, headers.Header.RegionEntryCount);
        Assert.Equal(headers.HeaderOffset + headers.Header.Bytes.Length, headers.PayloadOffset);
        Assert.Equal(0, headers.HeaderOffset % 8);
    }

    [Fact]
    public void Read_InventoryPackages_CoverEveryRpmUnderSharedData()
    {
        var listed = InventoryPackages().Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);
        var onDisk = Directory.GetFiles(Fixtures.DataRoot, "*.rpm", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Fixtures.DataRoot, p))
            .ToArray();
        Assert.NotEmpty(onDisk);
        Assert.All(onDisk, p => Assert.Contains(p, listed));
    }

    [Fact]
    public void Read_NotAnRpm_ThrowsNamingTheSource()
    {
        using var stream = new MemoryStream(new byte[200]);
        var error = Assert.Throws<InvalidDataException>(() => RpmPackageHeaders.Read(stream, "junk.rpm"));
        Assert.Equal("'junk.rpm': not an RPM package (bad lead magic at offset 0).", error.Message);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsInvalidData()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v4/rpm-basic-2.3.4-5.el9.noarch.rpm"));
        var complete = RpmPackageHeaders.Read(new MemoryStream(bytes), "basic.rpm");
        for (var length = 0; length < complete.PayloadOffset; length += 7)
        {
            using var stream = new MemoryStream(bytes, 0, length);
            Assert.Throws<InvalidDataException>(() => RpmPackageHeaders.Read(stream, "basic.rpm"));
        }
    }

    [Fact]
    public void Read_HugeIndexCount_ThrowsBeforeAllocating()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v4/rpm-basic-2.3.4-5.el9.noarch.rpm"));
        // The signature header's index count lives at lead (96) + 8.
        bytes[104] = 0x7F;
        var error = Assert.Throws<InvalidDataException>(() => RpmPackageHeaders.Read(new MemoryStream(bytes), "basic.rpm"));
        Assert.Contains("index entry count", error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 104", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EntryOffsetOutsideStore_ThrowsNamingTheTag()
    {
        var headers = RpmPackageHeaders.Read(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v4/rpm-basic-2.3.4-5.el9.noarch.rpm"));
        var blob = headers.Header.Bytes.ToArray();
        // Entry 1's offset field: intro (16) + one entry (16) + tag and type (8).
        blob[16 + 16 + 8] = 0x7F;
        var tag = headers.Header.Entries[1].Tag;
        var error = Assert.Throws<InvalidDataException>(() => RpmHeader.Parse(blob, "'basic.rpm' header"));
        Assert.StartsWith($"'basic.rpm' header: entry 1 (tag {tag}) has offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_StringArray_DecodesEveryElement()
    {
        var headers = RpmPackageHeaders.Read(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v4/rpm-basic-2.3.4-5.el9.noarch.rpm"));
        var names = headers.Header.GetStrings(RpmTag.RequireName);
        var flags = headers.Header.GetNumbers(RpmTag.RequireFlags);
        Assert.NotEmpty(names);
        Assert.Equal(names.Length, flags.Length);
        Assert.All(names, n => Assert.False(string.IsNullOrEmpty(n)));
    }
}
