using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

public sealed partial class AccountDatabase
{
    private const int PublicMode = 0x1A4; // 0644, as shadow-utils and the setup package leave passwd and group
    private const int SecretMode = 0;      // 0000 root:root, as Fedora ships shadow and gshadow (only root reads them)
    private const long SecondsPerDay = 86400;

    /// <summary>
    /// Writes the four files into the tree: existing lines first in their order, new ones after them in creation order.
    /// Files are owned by root with mtime <paramref name="sourceDateEpoch"/>; the shadow "last change" day of entries
    /// created or changed here is the day of <paramref name="sourceDateEpoch"/>, so the bytes are reproducible.
    /// </summary>
    public void Save(FileTree tree, long sourceDateEpoch)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var days = Math.DivRem(sourceDateEpoch, SecondsPerDay, out var remainder);
        if (remainder < 0)
        {
            days--;
        }

        var time = new FileTimestamp(sourceDateEpoch);
        Write(tree, AccountFiles.Passwd, _users.Select(u => u.Format()), PublicMode, time);
        Write(tree, AccountFiles.Group, _groups.Select(g => g.Format()), PublicMode, time);
        Write(tree, AccountFiles.Shadow, _shadow.Select(s => s.Format(days)), SecretMode, time);
        Write(tree, AccountFiles.GShadow, _gshadow.Select(g => g.Format()), SecretMode, time);
    }

    private static void Write(FileTree tree, string path, IEnumerable<string> lines, int mode, FileTimestamp time)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        tree.AddOrReplace(path, new RegularFileNode(Encoding.UTF8.GetBytes(text.ToString()), mode)
        {
            Uid = 0,
            Gid = 0,
            ModificationTime = time,
        });
    }
}
