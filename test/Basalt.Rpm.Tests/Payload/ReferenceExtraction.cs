using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Payload;

/// <summary>
/// What real rpm extracts: <c>rpm2cpio FILE | cpio -idm --no-absolute-filenames</c> (without the switch GNU cpio writes
/// absolute member names, which some builders such as nfpm emit, outside the directory). Debian's rpm 4.18 rpm2cpio refuses stripped ("07070X",
/// rpm 6) payloads ("files over 4GB not supported by cpio, use rpm2archive instead"), so those go through
/// <c>rpm2archive</c> and tar, rpm's own answer for them.
/// </summary>
internal static class ReferenceExtraction
{
    public static string Extract(string package, string directory)
    {
        ExternalTool.Require("rpm2cpio", "rpm");
        ExternalTool.Require("cpio", "cpio");
        Directory.CreateDirectory(directory);
        var cpio = ExternalTool.Run("/bin/sh", ["-c", "rpm2cpio \"$1\" | cpio -idm --quiet --no-absolute-filenames", "extract", package], directory);
        if (cpio.ExitCode == 0)
        {
            return "rpm2cpio | cpio -idm --no-absolute-filenames";
        }

        Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        ExternalTool.Require("rpm2archive", "rpm");
        ExternalTool.Run("/bin/sh", ["-c", "rpm2archive - < \"$1\" | tar -xzf -", "extract", package], directory)
            .EnsureSuccess($"rpm2archive of '{package}' (rpm2cpio said: {cpio.StandardError.Trim()})");
        return "rpm2archive | tar -x";
    }
}
