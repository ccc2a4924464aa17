using Basalt.Compose.Machines;

namespace Basalt.Compose.Tests.Machines;

public sealed class BootEntryChooserTests
{
    private static BootEntry Entry(string id, string? sortKey = null, string? version = null, string? machineId = null)
        => BootEntryParser.ParseType1("/loader/entries/" + id,
            $"linux /k\n{(sortKey is null ? "" : "sort-key " + sortKey + "\n")}{(version is null ? "" : "version " + version + "\n")}{(machineId is null ? "" : "machine-id " + machineId + "\n")}");

    [Fact]
    public void Sort_SortKeyThenVersionNewestFirst_ThenIdsWithoutSortKey()
    {
        BootEntry[] entries =
        [
            Entry("zzz.conf"),
            Entry("basalt-6.1.0-9.conf", "basalt", "6.1.0-9"),
            Entry("aaa.conf"),
            Entry("basalt-6.1.0-56.conf", "basalt", "6.1.0-56"),
            Entry("alpha-1.conf", "alpha", "1"),
        ];

        Assert.Equal(["alpha-1.conf", "basalt-6.1.0-56.conf", "basalt-6.1.0-9.conf", "zzz.conf", "aaa.conf"],
            BootEntryChooser.Sort(entries).Select(e => e.Id));
    }

    [Fact]
    public void Sort_NoTriesLeft_GoesLast()
    {
        BootEntry[] entries = [Entry("basalt-2+0-3.conf", "basalt", "2"), Entry("basalt-1+2.conf", "basalt", "1")];
        Assert.Equal(["basalt-1+2.conf", "basalt-2+0-3.conf"], BootEntryChooser.Sort(entries).Select(e => e.Id));
        Assert.Equal(0, entries[0].TriesLeft);
        Assert.Equal(2, entries[1].TriesLeft);
    }

    [Fact]
    public void Choose_DefaultGlob_PicksFirstMatchInSortedOrder()
    {
        BootEntry[] entries = [Entry("other-9.conf", "other", "9"), Entry("basalt-1.conf", "basalt", "1"), Entry("basalt-2.conf", "basalt", "2")];
        Assert.Equal("basalt-2.conf", BootEntryChooser.Choose(entries, "basalt-*")!.Id);
        Assert.Equal("basalt-1.conf", BootEntryChooser.Choose(entries, "basalt-1.conf")!.Id);
    }

    [Fact]
    public void Choose_NoDefaultOrNoMatch_PicksFirstSorted()
    {
        BootEntry[] entries = [Entry("other-9.conf", "other", "9"), Entry("basalt-1.conf", "basalt", "1")];
        Assert.Equal("basalt-1.conf", BootEntryChooser.Choose(entries, null)!.Id);
        Assert.Equal("basalt-1.conf", BootEntryChooser.Choose(entries, "nothing-*")!.Id);
        Assert.Null(BootEntryChooser.Choose([], "x"));
    }

    [Fact]
    public void ParseType1_EspLayoutEntry_ReadsEveryKey()
    {
        var entry = BootEntryParser.ParseType1("/loader/entries/basalt-6.1.conf", """
            # comment
            title Basalt Linux
            version 6.1
            sort-key basalt
            linux /basalt/6.1/linux
            initrd /basalt/6.1/initrd
            initrd  /basalt/6.1/extra
            options console=ttyS0
            options   quiet
            architecture x64

            """);

        Assert.Equal("basalt-6.1.conf", entry.Id);
        Assert.Equal("Basalt Linux", entry.Title);
        Assert.Equal("6.1", entry.Version);
        Assert.Equal("basalt", entry.SortKey);
        Assert.Equal("/basalt/6.1/linux", entry.Linux);
        Assert.Equal(["/basalt/6.1/initrd", "/basalt/6.1/extra"], entry.Initrds);
        Assert.Equal("console=ttyS0 quiet", entry.Options);
        Assert.Null(entry.TriesLeft);
    }

    [Fact]
    public void ParseType1_OtherArchitecture_HasNoKernel()
        => Assert.Null(BootEntryParser.ParseType1("/loader/entries/a.conf", "linux /k\narchitecture aa64\n").Linux);

    [Fact]
    public void ParseLoaderDefault_LastDefaultWins()
    {
        Assert.Equal("basalt-*", BootEntryParser.ParseLoaderDefault("# x\ndefault old\ntimeout 0\ndefault basalt-*\n"));
        Assert.Null(BootEntryParser.ParseLoaderDefault("timeout 3\n"));
    }

    [Fact]
    public void ForUki_OsRelease_GivesTitleSortKeyAndVersion()
    {
        var entry = BootEntryParser.ForUki("/EFI/Linux/basalt-1.2.efi", "ID=basalt\nIMAGE_ID=\"basalt-host\"\nVERSION_ID=1\nIMAGE_VERSION='1.2'\nPRETTY_NAME=\"Basalt \\\"Host\\\"\"\n");
        Assert.Equal(BootEntryKind.UnifiedKernelImage, entry.Kind);
        Assert.Equal("basalt-host", entry.SortKey);
        Assert.Equal("1.2", entry.Version);
        Assert.Equal("Basalt \"Host\"", entry.Title);
    }
}
