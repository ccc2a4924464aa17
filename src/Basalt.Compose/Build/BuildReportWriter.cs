using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Basalt.Compose.Install;
using Basalt.IO;

namespace Basalt.Compose.Build;

/// <summary>The build report as JSON (for machines) and as a short summary (for the person who ran the build).</summary>
public static class BuildReportWriter
{
    public static void Write(BuildReport report, string path)
    {
        using var output = AtomicOutput.CreateFile(path);
        JsonSerializer.Serialize(output.Stream, report, BuildReportJson.Default.BuildReport);
        output.Stream.WriteByte((byte)'\n');
        output.Commit();
    }

    /// <summary>The report as indented JSON (what <c>basalt build --json</c> prints).</summary>
    public static string ToJson(BuildReport report) => JsonSerializer.Serialize(report, BuildReportJson.Default.BuildReport);

    /// <summary>What was built, in a dozen lines: packages, partitions, artefacts, scriptlets and how long each stage took.</summary>
    public static string Summarize(BuildReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Built {report.Name} {report.Version} ({report.Arch}), SOURCE_DATE_EPOCH={report.SourceDateEpoch}");
        text.AppendLine(invariant, $"  packages    {report.Packages.Count} installed{(report.FromLockFile ? " from the lockfile" : "")}, "
            + $"{ByteSize.Format(report.Packages.Sum(p => p.Size))} of RPMs, {ByteSize.Format(report.Packages.Sum(p => p.InstalledBytes))} of files");
        text.AppendLine(invariant, $"  usr hash    {report.Image.UsrRootHash}");
        text.AppendLine("  partitions");
        foreach (var partition in report.Image.Partitions)
        {
            var content = partition.ContentBytes > 0 ? $"{ByteSize.Format(partition.ContentBytes)} used" : "empty";
            text.AppendLine(invariant, $"    {partition.Name,-20} {ByteSize.Format(partition.SizeBytes),10}  {content}");
        }

        text.AppendLine("  artefacts");
        foreach (var artifact in report.Image.Artifacts)
        {
            text.AppendLine(invariant, $"    {Path.GetFileName(artifact.Path),-36} {ByteSize.Format(artifact.Bytes),10}  sha256:{artifact.Sha256[..16]}…");
        }

        if (report.Boot is { } boot)
        {
            var signed = boot.SecureBootSigner is null ? "" : $", signed by {boot.SecureBootSigner}";
            text.AppendLine(invariant, $"  boot        kernel {boot.KernelVersion}, initrd {ByteSize.Format(boot.InitrdBytes)} ({boot.Modules.Count} modules), {boot.Entry}{signed}");
        }

        var replaced = report.Scriptlets.Count(s => s.Outcome == ScriptletOutcome.Replaced);
        var skipped = report.Scriptlets.Count - replaced;
        text.AppendLine(invariant, $"  scriptlets  {report.Scriptlets.Count} not run: {replaced} replaced by Basalt, {skipped} skipped");
        foreach (var scriptlet in report.Scriptlets.Where(s => s.Outcome == ScriptletOutcome.Skipped))
        {
            text.AppendLine(invariant, $"    {scriptlet.Package} {scriptlet.Scriptlet}: {scriptlet.Detail}");
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine(invariant, $"  warning: {warning}");
        }

        text.AppendLine("  time        " + string.Join(", ", report.Stages.Select(s => $"{s.Stage} {s.Seconds.ToString("0.00", invariant)} s")));
        return text.ToString();
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BuildReport))]
internal sealed partial class BuildReportJson : JsonSerializerContext;
