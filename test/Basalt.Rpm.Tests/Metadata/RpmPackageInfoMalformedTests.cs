using System.Buffers.Binary;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Metadata;

/// <summary>Headers that parse but whose tags disagree: the view names the tag instead of failing with an index error.</summary>
public sealed class RpmPackageInfoMalformedTests
{
    /// <summary>hello-2.0 with one index field of <paramref name="tag"/>'s record replaced (4 = type, 8 = offset, 12 = count).</summary>
    private static RpmHeader HelloWith(RpmTag tag, int field, uint value)
    {
        var header = RpmPackageHeaders.Read(Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm")).Header;
        var bytes = header.Bytes.ToArray();
        var index = header.Entries.ToList().FindIndex(e => e.Tag == (int)tag);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16 + (16 * index) + field), value);
        return RpmHeader.Parse(bytes, "hello header");
    }

    [Fact]
    public void FromHeader_ShortFileModes_ThrowsNamingBothTags()
    {
        var header = HelloWith(RpmTag.FileModes, 12, 4);

        var error = Assert.Throws<InvalidDataException>(() => RpmPackageInfo.FromHeader(header));
        Assert.Equal("Tag 'FILEMODES (1030)' has 4 elements but 'BASENAMES (1117)' has 5.", error.Message);
    }

    [Fact]
    public void FromHeader_ShortRequireFlags_ThrowsNamingBothTags()
    {
        var header = HelloWith(RpmTag.RequireFlags, 12, 1);

        var error = Assert.Throws<InvalidDataException>(() => RpmPackageInfo.FromHeader(header));
        Assert.Contains("'REQUIREFLAGS (1048)' has 1 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHeader_NameOfWrongType_ThrowsNamingTheTag()
    {
        // NAME re-typed as BIN, which any offset allows, so the header still parses.
        var header = HelloWith(RpmTag.Name, 4, (uint)RpmTagType.Bin);

        var error = Assert.Throws<InvalidDataException>(() => RpmPackageInfo.FromHeader(header));
        Assert.Equal("Tag 'NAME (1000)' is Bin; a string type was expected.", error.Message);
    }

    [Fact]
    public void FromHeader_DirIndexOutOfRange_ThrowsNamingDirIndexes()
    {
        var header = RpmPackageHeaders.Read(Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm")).Header;
        var bytes = header.Bytes.ToArray();
        var entry = header.Find(RpmTag.DirIndexes)!;
        var store = 16 + (16 * header.Entries.Count);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(store + entry.Offset), 99);

        var error = Assert.Throws<InvalidDataException>(() => RpmPackageInfo.FromHeader(RpmHeader.Parse(bytes, "hello header")));
        Assert.StartsWith("Tag 'DIRINDEXES (1116)' element 0 is 99", error.Message, StringComparison.Ordinal);
    }
}
