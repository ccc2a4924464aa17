namespace Basalt.Imaging.Oci;

/// <summary>Media types and fixed names from OCI image-spec v1.1 (media-types.md, image-layout.md, annotations.md).</summary>
public static class OciMediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";
    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    public const string CreatedAnnotation = "org.opencontainers.image.created";

    public const string LayoutFile = "oci-layout";
    public const string LayoutVersion = "1.0.0";
    public const string IndexFile = "index.json";
    public const string BlobsDirectory = "blobs/sha256";
}
