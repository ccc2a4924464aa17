namespace Basalt;

/// <summary>
/// The root of Basalt's own exceptions, used only where callers decide on the category (a resolution
/// failure, a signature failure, an invalid definition). Corrupt input uses <see cref="InvalidDataException"/>.
/// </summary>
public class BasaltException : Exception
{
    public BasaltException()
    {
    }

    public BasaltException(string message)
        : base(message)
    {
    }

    public BasaltException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The process exit code a command line front end should use: 1 for "the answer is no", 2 for bad input.</summary>
    public virtual int ExitCode => 2;
}
