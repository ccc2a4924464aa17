using Basalt.Compression;
using Basalt.IO;
using Basalt.IO.Cpio;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Signatures;

namespace Basalt.Rpm.Payload;

/// <summary>
/// Streams a package's payload entry by entry, each matched with and checked against the header: the compressor is
/// detected from the payload's magic bytes (PAYLOADCOMPRESSOR is only compared, never trusted), decompression is
/// bounded, every name must be in the header's file list, types and sizes must agree, and a regular file's content must
/// match its FILEDIGESTS value. Full ("070701") and stripped ("07070X", rpm 6 / large-file) cpio are both read.
/// </summary>
public sealed partial class RpmPayloadReader : IDisposable
{
    private const int FileBufferSize = 16 * 1024;

    private readonly Stream _file;
    private readonly bool _leaveOpen;
    private readonly DecompressingStream _payload;
    private readonly HashingStream? _payloadHash;
    private readonly CpioNewcReader _cpio;
    private readonly RpmPayloadOptions _options;
    private readonly Dictionary<string, int> _indexByPath = new(StringComparer.Ordinal);
    private readonly bool[] _seen;
    private readonly bool[] _groupHasContent;
    private readonly int[] _groupOf;
    private readonly int[] _lastOfGroup;
    private readonly List<string> _warnings = [];
    private VerifyingEntryStream? _current;
    private bool _finished;

    private RpmPayloadReader(Stream file, bool leaveOpen, RpmPackageHeaders headers, RpmPayloadOptions options)
    {
        _file = file;
        _leaveOpen = leaveOpen;
        _options = options;
        Headers = headers;
        Package = RpmPackageInfo.FromHeader(headers.Header);
        var files = Package.Files;
        _seen = new bool[files.Count];
        (_groupOf, _lastOfGroup) = HardLinkGroups(files);
        _groupHasContent = new bool[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            _indexByPath.TryAdd(files[i].Path, i);
        }

        var head = new byte[CompressionDetector.HeadLength];
        var headLength = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        Compression = CompressionDetector.Detect(head.AsSpan(0, headLength));
        var declaredTag = headers.Header.GetString(RpmTag.PayloadCompressor);
        if (CompressionDetector.TryParsePayloadCompressor(declaredTag ?? "gzip", out var declared) && declared != Compression)
        {
            _warnings.Add($"'{Source}': PAYLOADCOMPRESSOR says '{declaredTag ?? "gzip (default)"}' but the payload's magic bytes say '{Decompression.Name(Compression)}'; the magic bytes win.");
        }

        var replay = new ReplayStream(head.AsMemory(0, headLength), file, leaveOpen: true);
        _payload = Decompression.Open(replay, Compression, options.Limits ?? LimitsFor(headers), leaveOpen: true, description: $"{Source} payload");
        // Stripped (rpm 6) entries take sizes from LONGFILESIZES, which may exceed the 4 GiB of a newc size field.
        _payloadHash = CreatePayloadHash(_payload, headers, options, _warnings);
        _cpio = new CpioNewcReader((Stream?)_payloadHash ?? _payload, new CpioReaderOptions { StrippedFileSize = StrippedSize, MaxFileSize = long.MaxValue }, leaveOpen: true);
    }

    public RpmPackageHeaders Headers { get; }

    public RpmPackageInfo Package { get; }

    public string Source => Headers.Source;

    /// <summary>The payload's compressor as its magic bytes say.</summary>
    public CompressionFormat Compression { get; }

    /// <summary>Discrepancies that do not stop reading (a PAYLOADCOMPRESSOR tag that disagrees with the magic bytes).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Opens the package at <paramref name="path"/>, reading its headers; the stream is positioned at the payload.</summary>
    public static RpmPayloadReader Open(string path, RpmPayloadOptions? options = null)
    {
        // A small buffer serves the header's many short reads; the decompressor's own large reads bypass it. (A buffer of
        // 85,000 bytes or more would be a large-object-heap allocation per package, collected only with generation 2.)
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize);
        try
        {
            return Open(file, path, options, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the headers from <paramref name="stream"/> and prepares to read the payload that follows.</summary>
    public static RpmPayloadReader Open(Stream stream, string source, RpmPayloadOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var headers = RpmPackageHeaders.Read(stream, source);
        return new RpmPayloadReader(stream, leaveOpen, headers, options ?? RpmPayloadOptions.Default);
    }

    /// <summary>
    /// The next entry, or null after the last one (when every non-%ghost file of the header has been seen). The previous
    /// entry's unread content is read and verified first.
    /// </summary>
    public RpmPayloadEntry? Next()
    {
        if (_finished)
        {
            return null;
        }

        _current?.Finish();
        _current?.Dispose();
        _current = null;
        var cpio = _cpio.GetNextEntry();
        if (cpio is null)
        {
            _finished = true;
            CheckComplete();
            VerifyPayload();
            return null;
        }

        return Match(cpio);
    }

    public void Dispose()
    {
        _current?.Dispose();
        _cpio.Dispose();
        _payloadHash?.Hash.Dispose();
        _payloadHash?.Dispose();
        _payload.Dispose();
        if (!_leaveOpen)
        {
            _file.Dispose();
        }
    }

    private static DecompressionLimits LimitsFor(RpmPackageHeaders headers)
    {
        var declared = headers.Signature.GetNumber((int)RpmSignatureTag.LongArchiveSize) ?? headers.Signature.GetNumber((int)RpmSignatureTag.PayloadSize)
            ?? headers.Header.GetNumber(RpmTag.LongArchiveSize) ?? headers.Header.GetNumber(RpmTag.ArchiveSize);
        // Some builders count the trailer, some do not: allow the declared size plus a trailer entry and padding.
        const long slack = 512;
        return declared is { } size && size < long.MaxValue - slack
            ? DecompressionLimits.Default with { MaxOutputBytes = (long)size + slack }
            : DecompressionLimits.Default;
    }

    /// <summary>The hard-link group index of each file (-1 when alone) and, per group, the index that carries the data.</summary>
    private static (int[] GroupOf, int[] LastOfGroup) HardLinkGroups(IReadOnlyList<RpmFileInfo> files)
    {
        var groupOf = new int[files.Count];
        var last = new int[files.Count];
        var byInode = new Dictionary<(uint, uint), int>();
        for (var i = 0; i < files.Count; i++)
        {
            groupOf[i] = -1;
            var file = files[i];
            if (file.LinkCount <= 1 || !file.IsRegular || file.IsGhost)
            {
                continue;
            }

            if (!byInode.TryGetValue((file.Device, file.Inode), out var group))
            {
                group = i;
                byInode.Add((file.Device, file.Inode), group);
            }

            groupOf[i] = group;
            last[group] = i; // rpm writes the data with the last link in file order.
        }

        return (groupOf, last);
    }
}
