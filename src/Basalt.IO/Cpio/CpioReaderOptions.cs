namespace Basalt.IO.Cpio;

/// <summary>Caps and variant switches for <see cref="CpioNewcReader"/>. Every cap exists because the input is hostile.</summary>
public sealed record CpioReaderOptions
{
    /// <summary>rpm's CPIO_NAMESIZE_MAX and Linux PATH_MAX: 4096 bytes including the terminating NUL.</summary>
    public const int DefaultMaxNameSize = 4096;

    public static CpioReaderOptions Default { get; } = new();

    /// <summary>The largest <c>c_namesize</c> accepted (bytes including the NUL).</summary>
    public int MaxNameSize { get; init; } = DefaultMaxNameSize;

    /// <summary>
    /// The largest entry size accepted: 64 GiB by default. The newc field itself stops at 4 GiB − 1; stripped
    /// entries (files of 4 GiB and more) get their size from <see cref="StrippedFileSize"/>, so this bounds them too.
    /// </summary>
    public long MaxFileSize { get; init; } = 64L << 30;

    /// <summary>
    /// The size of a stripped ("07070X") entry, given its file index: stripped headers carry no size, the package
    /// header's FILESIZES/LONGFILESIZES do. Of a hard-link set only the last link in the archive has data, so return
    /// 0 for the others (as rpm does). Without it a stripped archive is refused.
    /// </summary>
    public Func<int, long>? StrippedFileSize { get; init; }

    /// <summary>
    /// rpm pads after the 14-byte stripped header so data starts on a 4-byte boundary (lib/cpio.c,
    /// rpmcpioStrippedHeaderWrite). go-rpmutils' <c>stripped.cpio</c> fixture has no such padding; set false to read it.
    /// </summary>
    public bool AlignStrippedData { get; init; } = true;

    /// <summary>Verify the "070702" data checksum when an entry's data is read to its end.</summary>
    public bool VerifyChecksums { get; init; } = true;
}
