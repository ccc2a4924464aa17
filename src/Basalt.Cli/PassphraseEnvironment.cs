namespace Basalt.Cli;

/// <summary>
/// Passphrases come from an environment variable an option names (never from the command line, where every user of
/// the machine can read them in the process list).
/// </summary>
internal static class PassphraseEnvironment
{
    /// <summary>The passphrase in <paramref name="variable"/>; null when the option (<paramref name="option"/>) was not given.</summary>
    public static string? Read(string? variable, string option)
    {
        if (variable is null)
        {
            return null;
        }

        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new ArgumentException($"{option} names '{variable}', but that environment variable is unset or empty.")
            : value;
    }
}
