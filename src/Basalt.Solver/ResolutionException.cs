namespace Basalt.Solver;

/// <summary>Resolution could not finish: the search ran out of its conflict or time budget.</summary>
public sealed class ResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResolutionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResolutionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
