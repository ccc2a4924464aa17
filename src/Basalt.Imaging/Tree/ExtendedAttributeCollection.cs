using System.Collections;
using System.Text;

namespace Basalt.Imaging.Tree;

/// <summary>
/// The extended attributes of one inode, kept sorted by name (UTF-8 byte order) so every writer emits
/// them in the same order regardless of how they were added. Values are raw bytes as <c>lgetxattr</c>
/// returns them; <c>security.capability</c> holds the binary vfs_cap_data (see <see cref="VfsCapability"/>).
/// </summary>
public sealed class ExtendedAttributeCollection : IReadOnlyCollection<KeyValuePair<string, byte[]>>
{
    /// <summary>Linux XATTR_NAME_MAX: the longest attribute name, in bytes.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Linux XATTR_SIZE_MAX: the largest attribute value, in bytes.</summary>
    public const int MaxValueLength = 65536;

    private readonly SortedDictionary<string, byte[]> _items = new(FileNameComparer.Instance);

    public int Count => _items.Count;

    /// <summary>Sets (adds or replaces) an attribute. The value is copied.</summary>
    public void Set(string name, ReadOnlySpan<byte> value)
    {
        ValidateName(name);
        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"Extended attribute '{name}' value is {value.Length} bytes; the limit is {MaxValueLength}.", nameof(value));
        }

        _items[name] = value.ToArray();
    }

    /// <summary>Sets an attribute whose value is text (stored as UTF-8 without a terminator).</summary>
    public void Set(string name, string value) => Set(name, Encoding.UTF8.GetBytes(value));

    public bool Remove(string name) => _items.Remove(name);

    public bool TryGetValue(string name, out byte[] value)
    {
        if (_items.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        value = [];
        return false;
    }

    public bool Contains(string name) => _items.ContainsKey(name);

    public void Clear() => _items.Clear();

    /// <summary>Copies every attribute of <paramref name="other"/> into this collection.</summary>
    public void CopyFrom(ExtendedAttributeCollection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, value) in other._items)
        {
            _items[name] = value;
        }
    }

    /// <summary>Enumerates attributes in UTF-8 byte order of their names.</summary>
    public IEnumerator<KeyValuePair<string, byte[]>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var length = Encoding.UTF8.GetByteCount(name);
        if (length > MaxNameLength || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Extended attribute name '{name}' is not valid (at most {MaxNameLength} bytes, no NUL).", nameof(name));
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Extended attribute name '{name}' has no namespace prefix such as 'user.'.", nameof(name));
        }
    }
}
