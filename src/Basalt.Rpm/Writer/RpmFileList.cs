using System.Text;

namespace Basalt.Rpm.Writer;

/// <summary>
/// The package's files in the order rpm stores them (sorted by the bytes of their paths, as rpmbuild's strcmp sort
/// does), with the facts the header and the payload share: inode numbers (index + 1, shared within a hard-link
/// group, as rpmbuild numbers them), link counts, sizes and which link of a group carries the data.
/// </summary>
internal sealed class RpmFileList
{
    private RpmFileList(IReadOnlyList<Item> items) => Items = items;

    public IReadOnlyList<Item> Items { get; }

    public int Count => Items.Count;

    public bool HasHardLinks => Items.Any(i => i.LinkCount > 1);

    public bool HasConfigFiles => Items.Any(i => (i.File.Flags & RpmFileFlags.Config) != 0);

    /// <summary>Validates and orders <paramref name="files"/>; throws <see cref="ArgumentException"/> naming the path on a contradiction.</summary>
    public static RpmFileList Create(IReadOnlyList<RpmFileDefinition> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.OrderBy(f => f.Path, Utf8PathComparer.Instance).ToList();
        var indexByPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            Check(sorted[i]);
            if (!indexByPath.TryAdd(sorted[i].Path, i))
            {
                throw new ArgumentException($"The path '{sorted[i].Path}' is listed twice.", nameof(files));
            }
        }

        // Hard-link groups: every member points at the group's root (a regular file that is not itself a link).
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            var file = sorted[i];
            if (file.Kind != RpmFileKind.RegularFile || file.IsGhost)
            {
                continue;
            }

            var root = file.HardLinkTo ?? file.Path;
            if (file.HardLinkTo is not null)
            {
                if (!indexByPath.TryGetValue(root, out var target) || sorted[target].Kind != RpmFileKind.RegularFile
                    || sorted[target].HardLinkTo is not null || sorted[target].IsGhost)
                {
                    throw new ArgumentException($"'{file.Path}' is a hard link of '{root}', which is not a packaged regular file with content.", nameof(files));
                }
            }

            if (!groups.TryGetValue(root, out var members))
            {
                groups[root] = members = [];
            }

            members.Add(i);
        }

        var items = new Item[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            var file = sorted[i];
            items[i] = file.Kind switch
            {
                RpmFileKind.Directory => new Item(file, (uint)(i + 1), 1, 0, null, CarriesData: false),
                RpmFileKind.SymbolicLink => new Item(file, (uint)(i + 1), 1, Encoding.UTF8.GetByteCount(file.LinkTarget!), null, CarriesData: false),
                _ when file.IsGhost => new Item(file, (uint)(i + 1), 1, 0, null, CarriesData: false),
                _ => RegularItem(sorted, i, groups[file.HardLinkTo ?? file.Path], indexByPath),
            };
        }

        return new RpmFileList(items);
    }

    private static Item RegularItem(List<RpmFileDefinition> sorted, int index, List<int> group, Dictionary<string, int> indexByPath)
    {
        var file = sorted[index];
        var root = sorted[indexByPath[file.HardLinkTo ?? file.Path]];
        var source = root.SourcePath!;
        var size = new FileInfo(source).Length;
        if (size > uint.MaxValue)
        {
            // cpio newc stores sizes in 32 bits; rpm switches to its stripped format for such files, which we do not write.
            throw new ArgumentException($"'{file.Path}' is {size} bytes; Basalt writes files up to 4 GiB - 1.");
        }

        // rpm writes every link of a set with the set's first inode; only the last link carries the content.
        return new Item(file, (uint)(group[0] + 1), (uint)group.Count, size, source, CarriesData: group[^1] == index);
    }

    private static void Check(RpmFileDefinition file)
    {
        if (!file.Path.StartsWith('/') || file.Path.Length < 2 || file.Path.EndsWith('/')
            || file.Path.Split('/').Skip(1).Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{file.Path}' is not a normalised absolute path.");
        }

        if (file.Permissions > 0xFFF)
        {
            throw new ArgumentException($"'{file.Path}' has permission bits {Convert.ToString(file.Permissions, 8)} beyond 07777.");
        }

        switch (file.Kind)
        {
            case RpmFileKind.SymbolicLink when string.IsNullOrEmpty(file.LinkTarget):
                throw new ArgumentException($"The symbolic link '{file.Path}' has no target.");
            case RpmFileKind.RegularFile when !file.IsGhost && file.HardLinkTo is null && file.SourcePath is null:
                throw new ArgumentException($"The regular file '{file.Path}' has no content source.");
        }
    }

    /// <summary>One file with its header and payload facts.</summary>
    /// <param name="Size">RPMTAG_FILESIZES: content bytes (every link of a group), target length for symlinks, 0 otherwise.</param>
    /// <param name="ContentPath">Where the content is read from (regular files with content).</param>
    /// <param name="CarriesData">True for the entry whose payload record holds the content.</param>
    internal sealed record Item(RpmFileDefinition File, uint Inode, uint LinkCount, long Size, string? ContentPath, bool CarriesData);
}

/// <summary>Orders paths by their UTF-8 bytes, as rpm's strcmp does.</summary>
internal sealed class Utf8PathComparer : IComparer<string>
{
    public static readonly Utf8PathComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
