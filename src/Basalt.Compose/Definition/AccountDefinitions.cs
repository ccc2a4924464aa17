namespace Basalt.Compose.Definition;

/// <summary>A group written into /etc/group and /etc/gshadow.</summary>
public sealed record GroupDefinition
{
    public required string Name { get; init; }

    /// <summary>Null: allocated at build time, from 1000 up in definition order.</summary>
    public long? Gid { get; init; }
}

/// <summary>A login account written into /etc/passwd and /etc/shadow, with its private group of the same name.</summary>
public sealed record UserDefinition
{
    public required string Name { get; init; }

    /// <summary>Null: allocated at build time, from 1000 up in definition order.</summary>
    public long? Uid { get; init; }

    /// <summary>Supplementary groups: defined in <c>groups</c> or standard (wheel, adm, …).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Home directory; default /home/NAME (/root for root).</summary>
    public required string Home { get; init; }

    /// <summary>Login shell; default /bin/bash.</summary>
    public string Shell { get; init; } = "/bin/bash";

    /// <summary>crypt(5) hash for /etc/shadow, or null.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>Password login refused (shadow entry prefixed with '!'); default true when there is no hash.</summary>
    public bool Locked { get; init; } = true;

    /// <summary>Lines for ~/.ssh/authorized_keys.</summary>
    public IReadOnlyList<string> SshAuthorizedKeys { get; init; } = [];
}

/// <summary>A file placed into the image after the packages.</summary>
public sealed record FileDefinition
{
    /// <summary>Absolute, normalised path in the image.</summary>
    public required string Path { get; init; }

    /// <summary>Inline content (UTF-8); exactly one of this and <see cref="Source"/>.</summary>
    public string? Content { get; init; }

    /// <summary>A file on the build host, made absolute against the definition's folder.</summary>
    public string? Source { get; init; }

    /// <summary>Permission bits (07777); default 0644.</summary>
    public int Mode { get; init; } = 0b110_100_100;

    public string Owner { get; init; } = "root";

    public string Group { get; init; } = "root";
}
