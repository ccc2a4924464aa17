namespace Basalt.Rpm.Metadata;

/// <summary>A file's attributes from the spec's %files list: RPMTAG_FILEFLAGS with rpm's RPMFILE_* bits (rpmfiles.h).</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "rpm calls these file flags; the name mirrors RPMTAG_FILEFLAGS.")]
public enum RpmFileFlags : uint
{
    None = 0,

    /// <summary>%config.</summary>
    Config = 1u << 0,

    /// <summary>%doc.</summary>
    Doc = 1u << 1,

    /// <summary>Obsolete icon file.</summary>
    Icon = 1u << 2,

    /// <summary>%config(missingok).</summary>
    MissingOk = 1u << 3,

    /// <summary>%config(noreplace).</summary>
    NoReplace = 1u << 4,

    /// <summary>The spec file of a source package.</summary>
    SpecFile = 1u << 5,

    /// <summary>%ghost: owned but not in the payload.</summary>
    Ghost = 1u << 6,

    /// <summary>%license.</summary>
    License = 1u << 7,

    /// <summary>%readme.</summary>
    Readme = 1u << 8,

    /// <summary>A public key file (%pubkey).</summary>
    PubKey = 1u << 11,

    /// <summary>%artifact: build side-effect such as a build-id link.</summary>
    Artifact = 1u << 12,
}
