using System.Globalization;
using System.Text.RegularExpressions;
using Basalt.Packaging;
using Basalt.Rpm.Writer;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// Reads a package manifest (docs/rpm-manifest.md) into an <see cref="RpmPackageDefinition"/>. Every problem is
/// collected with its key path and reported at once in a <see cref="ManifestException"/>.
/// </summary>
internal static partial class ManifestReader
{
    /// <summary>Largest manifest read; a package description is text, not data.</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    private static readonly string[] TopLevelKeys =
    [
        "name", "epoch", "version", "release", "arch", "summary", "description", "license", "url", "group", "vendor",
        "packager", "requires", "provides", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances",
        "source", "files", "scriptlets",
    ];

    private static readonly string[] DependencyKeys =
        ["requires", "provides", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances"];

    /// <summary>Loads and validates the manifest at <paramref name="path"/>, resolving its files against its source directory.</summary>
    /// <param name="sourceDateEpoch">SOURCE_DATE_EPOCH: file modification times are clamped to it.</param>
    public static RpmPackageDefinition Load(string path, long? sourceDateEpoch)
    {
        var root = Parse(path);
        var errors = new ManifestErrors();
        errors.CheckKeys(root, "", TopLevelKeys);
        var name = Checked(errors, "name", errors.String(root, "name", "", required: true), NamePattern(), "is not a valid package name (letters, digits and . _ + - only)");
        var version = Checked(errors, "version", errors.String(root, "version", "", required: true), VersionPattern(), "is not a valid version (letters, digits and . _ + ~ ^ only; no '-')");
        var release = Checked(errors, "release", errors.String(root, "release", "", required: true), VersionPattern(), "is not a valid release (letters, digits and . _ + ~ ^ only; no '-')");
        var arch = Checked(errors, "arch", errors.String(root, "arch", "") ?? "noarch", ArchPattern(), "is not a valid architecture (letters, digits and _ only)");
        var epoch = ParseEpoch(errors, errors.String(root, "epoch", ""));
        var summary = errors.String(root, "summary", "", required: true);
        if (summary is not null && summary.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add("summary", "must be a single line");
        }

        var description = errors.String(root, "description", "", required: true);
        var license = errors.String(root, "license", "", required: true);
        var url = errors.String(root, "url", "");
        var group = errors.String(root, "group", "");
        var vendor = errors.String(root, "vendor", "");
        var packager = errors.String(root, "packager", "");
        var dependencies = DependencyKeys.ToDictionary(key => key, key => Dependencies(root, key, errors), StringComparer.Ordinal);
        var files = ManifestFiles.Read(root, Path.GetDirectoryName(Path.GetFullPath(path))!, sourceDateEpoch, errors);
        var scriptlets = ManifestScriptlets.Read(root, errors);
        var package = new RpmPackageDefinition
        {
            Name = name ?? "",
            Epoch = epoch,
            Version = version ?? "",
            Release = release ?? "",
            Arch = arch ?? "",
            Summary = summary ?? "",
            Description = description?.TrimEnd('\n') ?? "",
            License = license ?? "",
            Url = url,
            Group = group,
            Vendor = vendor,
            Packager = packager,
            Requires = dependencies["requires"],
            Provides = dependencies["provides"],
            Conflicts = dependencies["conflicts"],
            Obsoletes = dependencies["obsoletes"],
            Recommends = dependencies["recommends"],
            Suggests = dependencies["suggests"],
            Supplements = dependencies["supplements"],
            Enhances = dependencies["enhances"],
            Files = files,
            Scriptlets = scriptlets,
        };
        errors.ThrowIfAny(path);
        return package;
    }

    /// <summary>A version or release as rpm accepts it; with <paramref name="allowEpochAndRelease"/>, a full "[E:]V[-R]".</summary>
    public static bool IsVersionText(string text, bool allowEpochAndRelease)
    {
        if (!allowEpochAndRelease)
        {
            return VersionPattern().IsMatch(text);
        }

        return EvrPattern().IsMatch(text);
    }

    private static YamlMappingNode Parse(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The package manifest '{path}' does not exist.", path);
        }

        if (info.Length > MaxManifestBytes)
        {
            throw new ManifestException($"'{path}' is {info.Length} bytes; a package manifest is at most {MaxManifestBytes} bytes.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ManifestException($"'{path}': line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some malformed input (an unclosed flow sequence) this way, without a position.
            throw new ManifestException($"'{path}' is not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ManifestException($"'{path}' must hold one YAML mapping (name:, version:, …).");
        }

        return root;
    }

    private static string? Checked(ManifestErrors errors, string key, string? value, Regex pattern, string message)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            errors.Add(key, $"'{value}' {message}");
            return null;
        }

        return value;
    }

    private static int? ParseEpoch(ManifestErrors errors, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            errors.Add("epoch", $"'{text}' is not a whole number from 0 to {int.MaxValue}");
            return null;
        }

        return epoch;
    }

    private static List<Dependency> Dependencies(YamlMappingNode root, string key, ManifestErrors errors)
    {
        var result = new List<Dependency>();
        foreach (var (text, keyPath) in errors.StringList(root, key, ""))
        {
            if (text is null)
            {
                errors.Add(keyPath, "expected a text value");
            }
            else if (ManifestDependencies.Parse(text, keyPath, errors) is { } dependency)
            {
                result.Add(dependency);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9._+-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._+~^]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?$")]
    private static partial Regex EvrPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex ArchPattern();
}
