using Basalt.Imaging.Tree;
using static Basalt.Imaging.Oci.TarLayout;

namespace Basalt.Imaging.Oci;

/// <summary>
/// Writes a tree as one OCI layer tar (image-spec v1.1 layer.md): pre-order, children in byte order, so every
/// directory precedes its contents and the same tree gives the same bytes whatever order it was built in.
/// Ownership is numeric with empty uname/gname; xattrs are pax SCHILY.xattr records; a node reached by several
/// paths is stored once and then as hard links (type '1') to its first path. The root directory itself is not
/// a member (layer.md describes changes below the root). Sockets have no tar type and are skipped, as tar does.
/// </summary>
internal static class OciLayerWriter
{
    public static async Task WriteAsync(FileTree tree, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var tar = new TarStreamWriter(output);
        var firstPaths = new Dictionary<FileNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Depth == 0 || entry.Node.Kind == FileNodeKind.Socket)
            {
                continue;
            }

            var node = entry.Node;
            var name = entry.Path[1..];
            if (node is not DirectoryNode && node.LinkCount > 1)
            {
                if (firstPaths.TryGetValue(node, out var first))
                {
                    await tar.WriteEntryAsync(Header(node, name, TypeHardLink) with { LinkName = first }, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                firstPaths.Add(node, name);
            }

            switch (node)
            {
                case DirectoryNode:
                    await tar.WriteEntryAsync(Header(node, name + "/", TypeDirectory) with { ExtendedAttributes = [.. node.ExtendedAttributes] }, null, cancellationToken).ConfigureAwait(false);
                    break;
                case RegularFileNode file:
                    var header = Header(node, name, TypeRegular) with { Size = file.Length, ExtendedAttributes = [.. node.ExtendedAttributes] };
                    var content = file.Content.OpenRead();
                    await using (content.ConfigureAwait(false))
                    {
                        await tar.WriteEntryAsync(header, content, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case SymbolicLinkNode link:
                    await tar.WriteEntryAsync(Header(node, name, TypeSymbolicLink) with { LinkName = link.Target, ExtendedAttributes = [.. node.ExtendedAttributes] }, null, cancellationToken).ConfigureAwait(false);
                    break;
                case DeviceNode device:
                    var type = device.Kind == FileNodeKind.CharacterDevice ? TypeCharacterDevice : TypeBlockDevice;
                    await tar.WriteEntryAsync(Header(node, name, type) with { DevMajor = device.Major, DevMinor = device.Minor, ExtendedAttributes = [.. node.ExtendedAttributes] }, null, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await tar.WriteEntryAsync(Header(node, name, TypeFifo) with { ExtendedAttributes = [.. node.ExtendedAttributes] }, null, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await tar.WriteEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TarEntryHeader Header(FileNode node, string name, byte type) => new()
    {
        Name = name,
        TypeFlag = type,
        Mode = node.Mode,
        Uid = node.Uid,
        Gid = node.Gid,
        MtimeSeconds = node.ModificationTime.Seconds,
        MtimeNanoseconds = node.ModificationTime.Nanoseconds,
    };
}
