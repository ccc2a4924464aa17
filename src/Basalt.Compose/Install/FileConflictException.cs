using Basalt.IO;

namespace Basalt.Compose.Install;

/// <summary>
/// Two packages install different files at one path. The message has one line per conflict, worded as rpm's
/// RPMPROB_NEW_FILE_CONFLICT problem: "file /x from install of A conflicts with file from package B".
/// </summary>
public sealed class FileConflictException : BasaltException
{
    public FileConflictException()
    {
        Conflicts = [];
    }

    public FileConflictException(string message)
        : base(message)
    {
        Conflicts = [message];
    }

    public FileConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Conflicts = [message];
    }

    public FileConflictException(IReadOnlyList<string> conflicts)
        : base(string.Join('\n', conflicts ?? throw new ArgumentNullException(nameof(conflicts))))
    {
        Conflicts = conflicts;
    }

    /// <summary>One line per conflicting path, in install order.</summary>
    public IReadOnlyList<string> Conflicts { get; }
}
