using System.CommandLine;
using System.Text.Json;
using Basalt.Repositories;

namespace Basalt.Cli.Commands.Repo;

/// <summary>
/// <c>basalt repo info DIR|URL [--json] [--filelists] [--other] [--gpgkey KEY]</c>: load a repository (verifying every file it
/// reads) and print its revision, metadata files, package count and architectures.
/// </summary>
internal static class RepoInfoCommand
{
    public static Command Create(CliContext context)
    {
        var location = new Argument<string>("LOCATION") { Description = "A repository folder, file:// URL or http(s):// URL." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object." };
        var filelists = new Option<bool>("--filelists") { Description = "Also read and verify filelists." };
        var other = new Option<bool>("--other") { Description = "Also read and verify other (changelogs)." };
        var gpgKeys = new Option<string[]>("--gpgkey") { Description = "Require repomd.xml.asc to verify with these key files (repo_gpgcheck).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("info", "Load and verify a repository's metadata and summarise it.");
        command.Arguments.Add(location);
        command.Options.Add(json);
        command.Options.Add(filelists);
        command.Options.Add(other);
        command.Options.Add(gpgKeys);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var keys = parseResult.GetValue(gpgKeys) ?? [];
            var definition = new RepositoryDefinition("repo", parseResult.GetValue(location)!) { RepoGpgCheck = keys.Length > 0, GpgKeys = keys };
            var options = new RepositoryLoadOptions { Filelists = parseResult.GetValue(filelists), Other = parseResult.GetValue(other), KeepText = false };
            var repository = await RepositoryLoader.LoadAsync(definition, options, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(context, repository, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(context.Out, repository).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, LoadedRepository repository)
    {
        await output.WriteLineAsync($"Location     : {repository.Definition.Location}").ConfigureAwait(false);
        await output.WriteLineAsync($"Revision     : {repository.RepoMd.Revision}").ConfigureAwait(false);
        await output.WriteLineAsync($"Packages     : {repository.Packages.Count}").ConfigureAwait(false);
        await output.WriteLineAsync($"Architectures: {string.Join(' ', repository.Architectures)}").ConfigureAwait(false);
        if (repository.SigningKeyFingerprint is { } key)
        {
            await output.WriteLineAsync($"Signed by    : {key}").ConfigureAwait(false);
        }

        await output.WriteLineAsync("Metadata     :").ConfigureAwait(false);
        foreach (var file in repository.Files)
        {
            var r = file.Record;
            var state = file.Verified ? $"verified ({file.Compression})" : "not read";
            await output.WriteLineAsync($"  {r.Type,-14} {r.Size,10} {r.Checksum}  {r.Location}  {state}").ConfigureAwait(false);
        }
    }

    private static async Task WriteJsonAsync(CliContext context, LoadedRepository repository, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(context.StandardOutput, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("location", repository.Definition.Location);
            writer.WriteString("revision", repository.RepoMd.Revision);
            writer.WriteNumber("packages", repository.Packages.Count);
            writer.WriteStartArray("architectures");
            foreach (var arch in repository.Architectures)
            {
                writer.WriteStringValue(arch);
            }

            writer.WriteEndArray();
            if (repository.SigningKeyFingerprint is { } key)
            {
                writer.WriteString("signedBy", key);
            }

            writer.WriteStartArray("metadata");
            foreach (var file in repository.Files)
            {
                var r = file.Record;
                writer.WriteStartObject();
                writer.WriteString("type", r.Type);
                writer.WriteString("location", r.Location);
                if (r.Size is { } size)
                {
                    writer.WriteNumber("size", size);
                }

                writer.WriteString("checksum", r.Checksum.ToString());
                if (r.OpenChecksum is { } open)
                {
                    writer.WriteString("openChecksum", open.ToString());
                }

                writer.WriteBoolean("verified", file.Verified);
                if (file.Verified)
                {
                    writer.WriteString("compression", file.Compression);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await context.StandardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
