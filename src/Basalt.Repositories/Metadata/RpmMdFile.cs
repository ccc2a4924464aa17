namespace Basalt.Repositories.Metadata;

/// <summary>The type attribute of a <c>&lt;file&gt;</c> element in primary or filelists.</summary>
public enum RpmMdFileType
{
    /// <summary>No type attribute: a regular file or symlink.</summary>
    File,
    /// <summary><c>type="dir"</c>.</summary>
    Dir,
    /// <summary><c>type="ghost"</c>: %ghost, not in the payload.</summary>
    Ghost,
}

/// <summary>One <c>&lt;file&gt;</c> entry.</summary>
public sealed record RpmMdFile(string Path, RpmMdFileType Type)
{
    /// <summary>The attribute value for <paramref name="type"/> (null for a plain file).</summary>
    public static string? TypeName(RpmMdFileType type) => type switch
    {
        RpmMdFileType.Dir => "dir",
        RpmMdFileType.Ghost => "ghost",
        _ => null,
    };
}

/// <summary>One <c>&lt;changelog&gt;</c> entry of other.xml.</summary>
public sealed record RpmMdChangelog(string Author, long Date, string Text);
