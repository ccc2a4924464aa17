namespace Basalt.Compose.Install;

/// <summary>One simple command of a shell script: its words (quotes removed) and the files it writes by redirection.</summary>
internal sealed record ShellCommand(IReadOnlyList<string> Words, IReadOnlyList<string> Writes);

/// <summary>
/// Splits a POSIX shell script into simple commands, far enough to classify scriptlets: quotes, comments, line
/// continuations, the control operators (; &amp; | &amp;&amp; || newline), redirections and here-documents are understood;
/// compound-command keywords and leading variable assignments are dropped, and command substitutions stay inside their word.
/// </summary>
internal static class ShellCommands
{
    public static IReadOnlyList<ShellCommand> Split(string script)
    {
        var parser = new ShellParser(script);
        parser.Run();
        return parser.Commands;
    }
}
