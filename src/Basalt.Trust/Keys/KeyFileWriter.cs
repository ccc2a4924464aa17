using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Keys;

/// <summary>
/// Creates a key file that must not exist yet. The content goes to a temporary sibling created with its final mode
/// (open(2) with O_CREAT|O_EXCL and mode 0600 for a private key, so it is never readable by others, whatever the
/// umask), then moves into place without replacing anything: a file that appeared meanwhile wins and we fail.
/// </summary>
internal static class KeyFileWriter
{
    public static void WriteNew(string path, string content, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask may have removed bits (never added any); make the mode exactly what was asked.
                File.SetUnixFileMode(temporary, mode);
            }

            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new IOException($"'{path}' already exists; Basalt never overwrites a key file (remove it or choose another name).");
            }

            // overwrite: false is link(2)+unlink(2) on Unix: it fails rather than replace a file created since the check.
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
