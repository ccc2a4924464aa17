using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Payload;

/// <summary>
/// A comparable listing of an extracted tree, taken with GNU find and sha256sum: one line per entry with its type,
/// permissions (including set-id bits), link count, size, modification time and content digest, or a symlink's target.
/// Directory times and sizes are left out: parents the payload does not own are created at extraction time by every tool.
/// </summary>
internal static class TreeSnapshot
{
    private const string Script =
        "cd \"$1\" && { find . -mindepth 1 \\( -type d -printf '%P dir %m\\n' \\) -o \\( -type l -printf '%P symlink -> %l\\n' \\) " +
        "-o \\( -type f -printf '%P file %m nlink=%n size=%s mtime=%T@\\n' \\) -o -printf '%P other %y %m\\n'; " +
        "find . -type f -exec sha256sum {} + | sed -E 's|^([0-9a-f]+)  \\./(.*)$|\\2 content \\1|'; } | LC_ALL=C sort";

    public static IReadOnlyList<string> Take(string root)
    {
        var result = ExternalTool.Run("/bin/sh", ["-c", Script, "snapshot", root]).EnsureSuccess($"snapshot of '{root}'");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
