using Basalt.TestInfrastructure;

namespace Basalt.Trust.Tests.Keys;

/// <summary>openssl 3 as the reference for key files and signatures.</summary>
internal static class OpenSsl
{
    public static string Require() => ExternalTool.Require("openssl", "openssl");

    public static ToolResult Run(params string[] arguments) => ExternalTool.Run(Require(), arguments);

    public static ToolResult Ok(params string[] arguments) => Run(arguments).EnsureSuccess("openssl " + string.Join(' ', arguments));
}
