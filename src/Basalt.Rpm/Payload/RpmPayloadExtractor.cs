using Basalt.IO;

namespace Basalt.Rpm.Payload;

/// <summary>
/// Extracts a package's payload under a directory, as <c>rpm2cpio FILE | cpio -idm</c> would, but safely: every entry
/// is checked against the header (<see cref="RpmPayloadReader"/>), nothing is written outside the target (no "..", no
/// absolute names, no symlink whose target leaves the root, no writing through a symlink already in the tree),
/// decompression is bounded, modes and modification times come from the header, hard links are rebuilt as links.
/// Ownership is not applied (Basalt keeps owners in its tree model, never on the build host). %ghost files are not in
/// the payload and are not created, as rpm2cpio | cpio does not create them either. Device nodes and FIFOs are skipped
/// with a warning. A failure throws <see cref="InvalidDataException"/> naming the package and the entry; what was
/// written before it stays, so callers wanting all-or-nothing extract into a temporary directory
/// (<see cref="AtomicOutput.CreateDirectory"/>) and commit on success.
/// </summary>
public static class RpmPayloadExtractor
{
    /// <summary>Extracts the package at <paramref name="packagePath"/> under <paramref name="targetDirectory"/> (created if missing).</summary>
    public static RpmExtractionResult Extract(string packagePath, string targetDirectory, RpmPayloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var reader = RpmPayloadReader.Open(packagePath, options);
        return Extract(reader, targetDirectory, cancellationToken);
    }

    /// <summary>Extracts the remaining entries of <paramref name="reader"/> under <paramref name="targetDirectory"/>.</summary>
    public static RpmExtractionResult Extract(RpmPayloadReader reader, string targetDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Payload extraction needs POSIX file modes, symlinks and hard links.");
        }

        var extraction = new RpmExtraction(reader.Source, targetDirectory);
        foreach (var warning in reader.Warnings)
        {
            extraction.Result.Warn(warning);
        }

        while (reader.Next() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            extraction.Add(entry);
        }

        extraction.Complete();
        return extraction.Result;
    }
}
