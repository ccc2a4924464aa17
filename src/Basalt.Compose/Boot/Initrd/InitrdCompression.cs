namespace Basalt.Compose.Boot.Initrd;

/// <summary>How an initrd archive is compressed; Linux unpacks each of these (CONFIG_RD_GZIP, CONFIG_RD_ZSTD).</summary>
public enum InitrdCompression
{
    /// <summary>A plain cpio archive.</summary>
    None,

    /// <summary>gzip (RFC 1952), level 6 unless told.</summary>
    Gzip,

    /// <summary>zstd (RFC 8878), level 19 unless told.</summary>
    Zstd,
}
