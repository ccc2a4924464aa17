using Basalt.IO;

namespace Basalt.Repositories;

/// <summary>
/// A repository could not be used: a metadata file whose size or digest differs from repomd.xml, a repomd.xml
/// signature that does not verify, a file that cannot be fetched. The message names the repository and the file.
/// </summary>
public sealed class RepositoryException : BasaltException
{
    public RepositoryException()
    {
    }

    public RepositoryException(string message)
        : base(message)
    {
    }

    public RepositoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
