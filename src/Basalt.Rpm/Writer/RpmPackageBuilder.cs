using Basalt.IO;
using Basalt.Rpm.Manifest;

namespace Basalt.Rpm.Writer;

/// <summary>Builds a binary RPM from a package manifest (docs/rpm-manifest.md): what <c>basalt rpm build</c> runs.</summary>
public static class RpmPackageBuilder
{
    /// <summary>
    /// Reads and validates <paramref name="manifestPath"/>, then writes
    /// <c>name-version-release.arch.rpm</c> into <paramref name="outputDirectory"/> atomically (a temporary sibling
    /// renamed into place, so a failure leaves nothing behind). Returns the package's path.
    /// </summary>
    /// <exception cref="ManifestException">The manifest is invalid; the message lists every problem.</exception>
    public static string Build(string manifestPath, string outputDirectory, RpmWriterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var package = ManifestReader.Load(manifestPath, options.SourceDateEpoch);
        var destination = Path.Combine(outputDirectory, package.FileName);
        using var output = AtomicOutput.CreateFile(destination);
        RpmPackageWriter.Write(package, options, output.Stream, cancellationToken);
        output.Commit();
        return output.DestinationPath;
    }
}
