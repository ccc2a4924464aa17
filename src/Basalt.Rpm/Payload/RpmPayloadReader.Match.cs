using Basalt.IO;
using Basalt.IO.Cpio;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Signatures;

namespace Basalt.Rpm.Payload;

public sealed partial class RpmPayloadReader
{
    private const uint TypeMask = 0xF000;

    /// <summary>Finds the header file for a cpio entry and checks that the two agree.</summary>
    private RpmPayloadEntry Match(CpioEntry cpio)
    {
        var files = Package.Files;
        int index;
        if (cpio.Format == CpioFormat.Stripped)
        {
            index = cpio.FileIndex; // StrippedSize already refused an index outside the file list.
        }
        else
        {
            // rpm names entries "./usr/bin/x"; the header has "/usr/bin/x".
            var name = cpio.Name.StartsWith("./", StringComparison.Ordinal) ? cpio.Name[1..] : cpio.Name.StartsWith('/') ? cpio.Name : "/" + cpio.Name;
            if (!_indexByPath.TryGetValue(name, out index))
            {
                throw Error(cpio, "is not in the header's file list");
            }
        }

        var file = files[index];
        if (_seen[index])
        {
            throw Error(cpio, $"appears twice (file index {index})");
        }

        _seen[index] = true;
        if (file.IsGhost)
        {
            throw Error(cpio, "is a %ghost file, which rpm never stores in the payload");
        }

        var relative = RelativePath(file.Path, cpio);
        if (cpio.Format != CpioFormat.Stripped && (cpio.Mode & TypeMask) != (file.Mode & TypeMask))
        {
            throw Error(cpio, $"has file type 0{cpio.Mode & TypeMask:o6} but the header says 0{file.Mode & TypeMask:o6}");
        }

        var hasContent = HasContent(index, cpio, file);
        var expectedSize = hasContent || !file.IsRegular ? ExpectedDataSize(file) : 0;
        if (cpio.FileSize != expectedSize)
        {
            throw Error(cpio, $"has {cpio.FileSize} data bytes but the header says {expectedSize}");
        }

        var what = $"'{Source}': payload entry '{file.Path}'";
        var digest = hasContent && file.IsRegular && _options.VerifyFileDigests ? file.Digest : "";
        var hash = digest.Length > 0 ? OpenPgpAlgorithms.CreateHash((int)Package.FileDigestAlgorithm) : null;
        if (digest.Length > 0 && hash is null)
        {
            digest = "";
            WarnOnce($"'{Source}': file digest algorithm {Package.FileDigestAlgorithm} is not supported; file contents are not verified.");
        }

        _current = new VerifyingEntryStream(_cpio.DataStream, hash, digest, expectedSize, what);
        return new RpmPayloadEntry(index, file, relative, cpio, hasContent, _current);
    }

    /// <summary>
    /// Whether this entry carries the content. A file outside a hard-link group always does. In a group, full cpio
    /// entries say so by a non-zero size (rpm puts the data on the last link; an empty group has none at all); stripped
    /// entries carry it on the last link in header order.
    /// </summary>
    private bool HasContent(int index, CpioEntry cpio, RpmFileInfo file)
    {
        var group = _groupOf[index];
        if (group < 0)
        {
            return true;
        }

        var carries = cpio.Format == CpioFormat.Stripped ? _lastOfGroup[group] == index : cpio.FileSize > 0 || file.Size == 0;
        if (carries && file.Size > 0)
        {
            if (_groupHasContent[group])
            {
                throw Error(cpio, $"carries data for a hard-link group that already had it");
            }

            _groupHasContent[group] = true;
        }

        return carries;
    }

    /// <summary>What the cpio entry's data holds: the content of a regular file, the target of a symlink, nothing otherwise.</summary>
    private static long ExpectedDataSize(RpmFileInfo file) =>
        file.IsRegular ? file.Size
        : file.IsSymlink ? System.Text.Encoding.UTF8.GetByteCount(file.LinkTarget)
        : 0;

    /// <summary>Sizes of stripped entries come from the header; the earlier links of a hard-link group have none.</summary>
    private long StrippedSize(int index)
    {
        var files = Package.Files;
        if (index < 0 || index >= files.Count)
        {
            throw new InvalidDataException($"'{Source}': stripped payload entry names file index {index}, but the header lists {files.Count} files.");
        }

        var file = files[index];
        var group = _groupOf[index];
        return group >= 0 && _lastOfGroup[group] != index ? 0 : ExpectedDataSize(file);
    }

    private string RelativePath(string path, CpioEntry cpio)
    {
        try
        {
            var relative = SafePath.Normalize(path.TrimStart('/'));
            return relative.Length == 0 ? throw Error(cpio, "names the root directory") : relative;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{Source}': payload entry '{cpio.Display}' at payload offset {cpio.HeaderOffset}: {ex.Message}", ex);
        }
    }

    /// <summary>After the trailer: every file the header lists (except %ghost) must have been in the payload.</summary>
    private void CheckComplete()
    {
        var files = Package.Files;
        for (var i = 0; i < files.Count; i++)
        {
            if (!_seen[i] && !files[i].IsGhost)
            {
                throw new InvalidDataException($"'{Source}': the header lists '{files[i].Path}' but the payload has no entry for it.");
            }
        }

        foreach (var group in _groupOf.Where(g => g >= 0).Distinct())
        {
            if (!_groupHasContent[group] && files[group].Size > 0)
            {
                throw new InvalidDataException($"'{Source}': no entry of the hard-link group of '{files[group].Path}' carries its {files[group].Size} bytes.");
            }
        }
    }

    private void WarnOnce(string message)
    {
        if (!_warnings.Contains(message))
        {
            _warnings.Add(message);
        }
    }

    private InvalidDataException Error(CpioEntry cpio, string problem) =>
        new($"'{Source}': payload entry '{cpio.Display}' at payload offset {cpio.HeaderOffset} {problem}.");
}
