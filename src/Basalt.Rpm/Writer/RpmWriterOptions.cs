using Basalt.Compression;

namespace Basalt.Rpm.Writer;

/// <summary>How a package is written.</summary>
public sealed record RpmWriterOptions
{
    /// <summary>The payload compressor: zstd (rpm's w19.zstdio, the default) or gzip (w9.gzdio).</summary>
    public CompressionFormat Compression { get; init; } = CompressionFormat.Zstd;

    /// <summary>The compression level; null means rpm's default for the compressor (zstd 19, gzip 9).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// SOURCE_DATE_EPOCH: the build time written in the header, and the ceiling for file modification times. Null
    /// means "now" and unclamped times, as rpmbuild does without the variable.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>RPMTAG_BUILDHOST; fixed so that the host never leaks into a reproducible package.</summary>
    public string BuildHost { get; init; } = "basalt";

    /// <summary>
    /// An OpenPGP secret key file (armored or binary). When set, the package gets a header signature (RSAHEADER for
    /// RSA keys, DSAHEADER for EdDSA/ECDSA/DSA), as <c>rpmsign --addsign</c> would add.
    /// </summary>
    public string? SigningKeyPath { get; init; }

    /// <summary>The passphrase of <see cref="SigningKeyPath"/>, when it is protected.</summary>
    public string? SigningKeyPassphrase { get; init; }

    internal int EffectiveLevel => CompressionLevel ?? Compression switch
    {
        CompressionFormat.Gzip => 9,
        CompressionFormat.Zstd => 19,
        _ => 0,
    };

    internal static string CompressorName(CompressionFormat format) => format switch
    {
        CompressionFormat.Gzip => "gzip",
        CompressionFormat.Zstd => "zstd",
        _ => throw new NotSupportedException($"Basalt writes gzip and zstd payloads, not '{format}'."),
    };
}
