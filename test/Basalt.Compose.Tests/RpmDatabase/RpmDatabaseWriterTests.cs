using System.Buffers.Binary;
using Basalt.Compose.RpmDatabase;
using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.RpmDatabase;

public sealed class RpmDatabaseWriterTests
{
    [Fact]
    public async Task BuildAsync_SameInputTwice_SameBytes()
    {
        using var temp = new TempDirectory("rpmdb");
        var packages = RpmDatabaseFixture.ReadHeaders();

        var first = await RpmDatabaseWriter.BuildAsync(packages, RpmDatabaseFixture.InstallTime, temp.FullPath, TestContext.Current.CancellationToken);
        var second = await RpmDatabaseWriter.BuildAsync(RpmDatabaseFixture.ReadHeaders(), RpmDatabaseFixture.InstallTime, temp.FullPath, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath)); // the scratch database is gone
        // SQLite header (fileformat2 §1.3): page size 4096 at offset 16; write/read versions 1 = rollback journal, not WAL (2).
        Assert.Equal("SQLite format 3\0"u8.ToArray(), first[..16]);
        Assert.Equal(4096, BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(16)));
        Assert.Equal([1, 1], first[18..20]);
        Assert.Equal(0, first.Length % 4096);
        await File.WriteAllBytesAsync(temp.Path("db.sqlite"), first, TestContext.Current.CancellationToken);
        using (var connection = RpmDatabaseFixture.OpenReadOnly(temp.Path("db.sqlite")))
        {
            // Written in one transaction into a fresh file: no free pages to vacuum away.
            Assert.Equal(["0"], RpmDatabaseFixture.Strings(connection, "SELECT CAST(freelist_count AS TEXT) FROM pragma_freelist_count()"));
            Assert.Equal(["ok"], RpmDatabaseFixture.Strings(connection, "PRAGMA integrity_check"));
        }

        File.Delete(temp.Path("db.sqlite"));
        var later = await RpmDatabaseWriter.BuildAsync(packages, RpmDatabaseFixture.InstallTime + 1, temp.FullPath, TestContext.Current.CancellationToken);
        Assert.NotEqual(first, later);
    }

    [Fact]
    public async Task BuildAsync_NoPackages_HasEveryTableAndNoRows()
    {
        using var temp = new TempDirectory("rpmdb");
        var bytes = await RpmDatabaseWriter.BuildAsync([], 0, temp.FullPath, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(temp.Path("db.sqlite"), bytes, TestContext.Current.CancellationToken);

        using var connection = RpmDatabaseFixture.OpenReadOnly(temp.Path("db.sqlite"));
        var tables = RpmDatabaseFixture.Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'");
        Assert.Equal(19, tables.Count);
        Assert.All(tables, t => Assert.Equal(["0"], RpmDatabaseFixture.Strings(connection, $"SELECT CAST(count(*) AS TEXT) FROM '{t}'")));
        Assert.Equal(["ok"], RpmDatabaseFixture.Strings(connection, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task BuildAsync_InstallTimeBeyondUInt32_Throws()
    {
        using var temp = new TempDirectory("rpmdb");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RpmDatabaseWriter.BuildAsync([], 1L << 32, temp.FullPath, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RpmDatabaseWriter.BuildAsync([], -1, temp.FullPath, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => RpmDatabaseWriter.BuildAsync([], 0, temp.Path("missing"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BuildAsync_SignatureMd5OfWrongLength_ThrowsNamingPackageAndTag()
    {
        using var temp = new TempDirectory("rpmdb");
        var package = RpmDatabaseFixture.ReadHeaders()[0];
        var signature = HeaderWith((1004, RpmTagType.Bin, new byte[8], 8));
        var bad = package with { Signature = signature, Source = "bad.rpm" };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RpmDatabaseWriter.BuildAsync([bad], 0, temp.FullPath, TestContext.Current.CancellationToken));

        Assert.Equal("'bad.rpm' signature header: tag 1004 (Md5) is Bin with count 8; rpm requires Bin with count 16 before merging it into the header.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }

    [Fact]
    public async Task BuildAsync_HeaderWithoutImmutableRegion_ThrowsNamingPackage()
    {
        using var temp = new TempDirectory("rpmdb");
        var package = RpmDatabaseFixture.ReadHeaders()[0];
        var legacy = package with { Header = HeaderWith((1000, RpmTagType.String, "old\0"u8.ToArray(), 1)), Source = "old.rpm" };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RpmDatabaseWriter.BuildAsync([legacy], 0, temp.FullPath, TestContext.Current.CancellationToken));

        Assert.Equal("'old.rpm' header: expected an immutable region (tag 63) covering all 1 entries, found region tag 0 covering 0; pre-rpm-4 packages cannot be recorded.", error.Message);
    }

    [Fact]
    public void Build_SignedPackage_KeepsTheHeaderAsPrefixAndAppendsSortedTags()
    {
        var package = RpmDatabaseFixture.ReadHeaders()[5]; // hello, RSA + PGP signed and relocatable
        var (blob, installed) = InstalledHeader.Build(package, new InstallStamp(7, 8, 3));

        var original = package.Header.Bytes.Span;
        var count = package.Header.Entries.Count;
        Assert.True(blob.AsSpan(8, count * 16).SequenceEqual(original.Slice(16, count * 16)));
        var added = installed.Entries.Skip(count).Select(e => e.Tag).ToArray();
        Assert.Equal([257, 259, 261, 268, 269, 273, 1008, 1029, 1046, 1099, 1127, 1128], added);
        Assert.Equal(7UL, installed.GetNumber(RpmTag.InstallTid));
        Assert.Equal(8UL, installed.GetNumber(RpmTag.InstallTime));
        Assert.Equal(package.Signature.Find(RpmSignatureTag.Md5)!.Data.ToArray(), installed.GetBinary((int)RpmTag.SigMd5)!.Value.ToArray());
    }

    /// <summary>A header structure without a region holding the given entries, values laid out in order.</summary>
    private static RpmHeader HeaderWith(params (int Tag, RpmTagType Type, byte[] Data, int Count)[] entries)
    {
        var data = entries.SelectMany(e => e.Data).ToArray();
        var bytes = new byte[16 + (entries.Length * 16) + data.Length];
        RpmFormat.HeaderMagic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), entries.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), data.Length);
        var offset = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var record = bytes.AsSpan(16 + (i * 16));
            BinaryPrimitives.WriteInt32BigEndian(record, entries[i].Tag);
            BinaryPrimitives.WriteInt32BigEndian(record[4..], (int)entries[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(record[8..], offset);
            BinaryPrimitives.WriteInt32BigEndian(record[12..], entries[i].Count);
            offset += entries[i].Data.Length;
        }

        data.CopyTo(bytes, 16 + (entries.Length * 16));
        return RpmHeader.Parse(bytes, "test header");
    }
}
