using System.Text.Json;
using Basalt.IO;
using Basalt.Solver;

namespace Basalt.Cli.Commands.Resolve;

/// <summary>The human table and the <c>--json</c> document of <c>basalt resolve</c>.</summary>
internal static class ResolveOutput
{
    public static void WriteTable(TextWriter output, TextWriter error, Resolution resolution)
    {
        if (!resolution.Succeeded)
        {
            foreach (var problem in resolution.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            return;
        }

        var rows = resolution.Packages.Select(p => (Nevra: p.Nevra.ToString(), Repo: p.RepositoryId, Size: ByteSize.Format(p.Size))).ToList();
        var nevraWidth = Math.Max("Package".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Nevra.Length));
        var repoWidth = Math.Max("Repository".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Repo.Length));
        output.WriteLine($"{"Package".PadRight(nevraWidth)}  {"Repository".PadRight(repoWidth)}  {"Size",9}");
        foreach (var (nevra, repo, size) in rows)
        {
            output.WriteLine($"{nevra.PadRight(nevraWidth)}  {repo.PadRight(repoWidth)}  {size,9}");
        }

        var total = resolution.Packages.Sum(p => p.Size);
        output.WriteLine($"{rows.Count} packages, {ByteSize.Format(total)} to download.");
    }

    public static void WriteJson(Stream output, Resolution resolution)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("succeeded", resolution.Succeeded);
        writer.WriteStartArray("packages");
        foreach (var package in resolution.Packages)
        {
            writer.WriteStartObject();
            writer.WriteString("nevra", package.Nevra.ToString());
            writer.WriteString("repo", package.RepositoryId);
            writer.WriteString("location", package.Location);
            writer.WriteString("checksum", package.Checksum);
            writer.WriteNumber("size", package.Size);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("installOrder");
        foreach (var package in resolution.InstallOrder)
        {
            writer.WriteStringValue(package.Nevra.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("problems");
        foreach (var problem in resolution.Problems)
        {
            writer.WriteStringValue(problem.ToString());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }
}
