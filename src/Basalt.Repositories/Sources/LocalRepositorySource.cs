using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Sources;

/// <summary>A repository in a local folder: files are verified in place, never copied.</summary>
internal sealed class LocalRepositorySource : RepositorySource
{
    private readonly string _root;

    public LocalRepositorySource(string root)
    {
        _root = Path.GetFullPath(root);
        Location = root;
    }

    public override string Location { get; }

    public override string Describe(string relative) => Path.Combine(_root, relative);

    public override async Task<byte[]?> ReadSmallFileAsync(string relative, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, CheckRelative(relative));
        if (!File.Exists(path))
        {
            return null;
        }

        var length = new FileInfo(path).Length;
        if (length > MaxSmallFileBytes)
        {
            throw new RepositoryException($"'{path}' is {length} bytes; files over {MaxSmallFileBytes} bytes are refused here.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<string> GetVerifiedFileAsync(string relative, RepoChecksum checksum, long? size, string what, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, CheckRelative(relative));
        if (!File.Exists(path))
        {
            throw new RepositoryException($"{what}: '{path}' does not exist.");
        }

        await FileVerification.VerifyAsync(path, checksum, size, what, cancellationToken).ConfigureAwait(false);
        return path;
    }
}
