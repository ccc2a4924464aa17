using Basalt.Imaging.Tree;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Install;

/// <summary>The state of one <see cref="PackageInstaller.InstallAsync"/> call: the tree, who owns which path, the spool.</summary>
internal sealed partial class InstallSession : IDisposable
{
    /// <summary>Contents at least this large go to the spool file; smaller ones stay in memory.</summary>
    internal const long SpoolThreshold = 64 * 1024;

    private readonly FileTree _tree;
    private readonly InstallOptions _options;
    private readonly FileTimestamp _ceiling;
    private readonly TreeResolver _resolver;
    private readonly ContentSpool _spool;
    private readonly Dictionary<string, PathOwner> _owners = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<string> _conflicts = [];

    public InstallSession(FileTree tree, InstallOptions options)
    {
        _tree = tree;
        _options = options;
        _ceiling = new FileTimestamp(options.SourceDateEpoch);
        _resolver = new TreeResolver(tree, _ceiling);
        _spool = new ContentSpool(options.ScratchDirectory);
    }

    public FileOwnerTable Owners { get; } = new();

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<string> Conflicts => _conflicts;

    /// <summary>Content bytes laid down so far, over all packages.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The spool the decoders put large contents into.</summary>
    public ContentSpool Spool => _spool;

    /// <summary>
    /// Places one decoded package into the tree, entry by entry in payload order; a decoding failure is rethrown once the
    /// entries before it are placed, as if the payload had been read and placed one entry at a time.
    /// </summary>
    public InstalledPackage Apply(int index, DecodedPackage decoded)
    {
        var state = new PackageState(index, decoded.File);
        foreach (var entry in decoded.Entries)
        {
            Place(state, entry);
        }

        decoded.Failure?.Throw();
        _warnings.AddRange(decoded.Warnings);
        BytesWritten += state.Bytes;
        return new InstalledPackage(decoded.File, decoded.Headers, decoded.Package, state.FileCount, state.Bytes);
    }

    /// <summary>Closes the spool writer; the spool stays, because the tree's large contents read from it.</summary>
    public void Complete() => _spool.Dispose();

    /// <summary>Deletes the spool after a cancellation or failure.</summary>
    public void Abort() => _spool.Delete();

    public void Dispose() => _spool.Dispose();

    /// <summary>
    /// rpm's rpmfilesCompare plus the directory rule of its conflict check: two packages may share a path when both are
    /// directories, or when type and mode (except for symlinks), size, owner, group and content digest or link target agree.
    /// </summary>
    internal static bool Compatible(RpmFileInfo a, RpmFileInfo b)
    {
        if (a.IsDirectory && b.IsDirectory)
        {
            return true;
        }

        if (!(a.IsSymlink && b.IsSymlink) && a.Mode != b.Mode)
        {
            return false;
        }

        if ((a.IsRegular || a.IsSymlink) && a.Size != b.Size)
        {
            return false;
        }

        if (a.User != b.User || a.Group != b.Group)
        {
            return false;
        }

        return a.IsSymlink ? a.LinkTarget == b.LinkTarget
            : !a.IsRegular || string.Equals(a.Digest, b.Digest, StringComparison.OrdinalIgnoreCase);
    }

    private FileTimestamp Clamp(long mtime) => mtime < _options.SourceDateEpoch ? new FileTimestamp(mtime) : _ceiling;

    /// <summary>Which package last laid a path down, and the header's view of it.</summary>
    private sealed record PathOwner(PackageFile Package, int Index, RpmFileInfo File, FileNode Node);

    private sealed class PackageState(int index, PackageFile file)
    {
        public int Index { get; } = index;

        public PackageFile File { get; } = file;

        public int FileCount { get; set; }

        public long Bytes { get; set; }

        /// <summary>The node of each hard-link group, by the (device, inode) pair the header gives its members.</summary>
        public Dictionary<(uint Device, uint Inode), RegularFileNode> LinkGroups { get; } = [];

        /// <summary>Symbolic links already reported as followed for this package.</summary>
        public HashSet<string> FollowedLinks { get; } = new(StringComparer.Ordinal);
    }
}
