namespace Basalt.Cli;

/// <summary>The process exit codes of <c>basalt</c>, shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and the answer is "no": a verification failed, no solution exists.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unreadable or malformed file, bad arguments.</summary>
    public const int BadInput = 2;

    /// <summary>Cancelled by the user (Ctrl+C); 128 + SIGINT as shells report it.</summary>
    public const int Cancelled = 130;
}
