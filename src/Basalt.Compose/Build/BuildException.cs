namespace Basalt.Compose.Build;

/// <summary>A build that cannot go on: the message names the package, repository or file at fault.</summary>
public sealed class BuildException : BasaltException
{
    private readonly int _exitCode;

    public BuildException()
        : this("the image build failed")
    {
    }

    public BuildException(string message)
        : this(message, exitCode: 2)
    {
    }

    public BuildException(string message, Exception innerException)
        : base(message, innerException) => _exitCode = 2;

    /// <param name="exitCode">1 when the inputs are valid but have no answer (unsolvable packages), 2 for bad input.</param>
    public BuildException(string message, int exitCode)
        : base(message) => _exitCode = exitCode;

    public override int ExitCode => _exitCode;
}
