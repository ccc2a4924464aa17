using Basalt.Compose.Libraries;
using System.Text;
using Basalt.Compression;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>Reading module files and depmod's index files from the tree, each capped in size.</summary>
internal sealed partial class ModuleDirectory
{
    private byte[] ReadModule(string path)
    {
        if (TreeLinks.Resolve(_tree, path, null, out var node) is null || node is not RegularFileNode file)
        {
            throw new InitrdContentException($"Kernel module '{path}' is listed but is not a regular file in the image.");
        }

        if (file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"Kernel module '{path}' is larger than {MaxFileBytes} bytes.");
        }

        using var raw = file.Content.OpenRead();
        using var stream = Decompression.Open(raw, DecompressionLimits.Default with { MaxOutputBytes = MaxFileBytes }, description: path);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private IEnumerable<string> Lines(string file)
        => TryReadText(file, out var text)
            ? text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            : [];

    private bool TryReadText(string file, out string text)
    {
        text = "";
        if (!TryReadBytes(file, out var bytes))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private bool TryReadBytes(string file, out byte[] bytes)
    {
        bytes = [];
        var path = TreePath.Combine(Path, file);
        if (TreeLinks.Resolve(_tree, path, null, out var node) is null || node is not RegularFileNode regular)
        {
            return false;
        }

        if (regular.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"'{path}' is larger than {MaxFileBytes} bytes.");
        }

        bytes = regular.Content.ReadAllBytes();
        return true;
    }
}
