namespace Basalt.Rpm.Writer;

/// <summary>The scriptlets a binary package can carry (the spec file's %pre, %post, …).</summary>
internal enum RpmScriptletKind
{
    Pre,
    Post,
    PreUn,
    PostUn,
    PreTrans,
    PostTrans,
}

/// <summary>
/// One scriptlet: its interpreter (rpm's *PROG tags; "&lt;lua&gt;" for rpm's built-in Lua, a path optionally
/// followed by arguments otherwise) and its body.
/// </summary>
internal sealed record RpmScriptlet(RpmScriptletKind Kind, string Interpreter, string Body)
{
    public const string LuaInterpreter = "<lua>";

    public bool IsLua => Interpreter == LuaInterpreter;

    /// <summary>The interpreter split into program and arguments, as rpm stores it (STRING_ARRAY when there are arguments).</summary>
    public string[] InterpreterWords => Interpreter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
