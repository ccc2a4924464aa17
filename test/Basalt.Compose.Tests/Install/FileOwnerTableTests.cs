using Basalt.Compose.Install;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Install;

public sealed class FileOwnerTableTests
{
    [Fact]
    public void Apply_UnknownNames_UseRootAndWarnOncePerNameInRpmWording()
    {
        var table = new FileOwnerTable();
        var a = new RegularFileNode([]);
        var b = new RegularFileNode([]);
        var c = new DirectoryNode();
        table.Record(a, "jane", "bob");
        table.Record(b, "jane", "adm");
        table.Record(c, "root", "root");
        var users = new Dictionary<string, uint> { ["root"] = 0 };
        var groups = new Dictionary<string, uint> { ["root"] = 0, ["adm"] = 4 };

        var warnings = table.Apply(n => users.TryGetValue(n, out var id) ? id : null, n => groups.TryGetValue(n, out var id) ? id : null);

        Assert.Equal(["user jane does not exist - using root", "group bob does not exist - using root"], warnings);
        Assert.Equal((0u, 0u), (a.Uid, a.Gid));
        Assert.Equal((0u, 4u), (b.Uid, b.Gid));
    }

    [Fact]
    public void Apply_KnownNames_SetsIdsAndLaterRecordWins()
    {
        var table = new FileOwnerTable();
        var node = new RegularFileNode([]);
        table.Record(node, "nobody", "nobody");
        table.Record(node, "daemon", "daemon");

        var warnings = table.Apply(n => n == "daemon" ? 2u : null, n => n == "daemon" ? 2u : null);

        Assert.Empty(warnings);
        Assert.Equal((2u, 2u), (node.Uid, node.Gid));
        Assert.Equal(1, table.Count);
    }
}
