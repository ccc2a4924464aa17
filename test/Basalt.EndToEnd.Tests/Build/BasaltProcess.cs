using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>
/// Runs the real <c>basalt</c> CLI as a separate process, as a user would: its own time zone, locale and working
/// folder, exit codes and signals included. The CLI is a project reference, so its build sits beside the tests.
/// </summary>
internal static class BasaltProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "basalt.dll");

    public static ToolResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
        => ExternalTool.Run("dotnet", [Dll, .. arguments], workingDirectory, environment: environment, timeout: TimeSpan.FromMinutes(5));

    public static void RunChecked(params string[] arguments) => Run(arguments).EnsureSuccess("basalt " + string.Join(' ', arguments));
}
