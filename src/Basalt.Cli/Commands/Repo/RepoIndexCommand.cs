using System.CommandLine;
using System.Globalization;
using Basalt.Compression;
using Basalt.Repositories.Writing;

namespace Basalt.Cli.Commands.Repo;

/// <summary>
/// <c>basalt repo index DIR [--compression zstd|gzip] [--revision N] [--sign-key KEY]</c>: write DIR/repodata/ for
/// the RPMs under DIR, atomically and reproducibly (times from --timestamp or SOURCE_DATE_EPOCH).
/// </summary>
internal static class RepoIndexCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The folder of RPM packages (searched recursively)." };
        var compression = new Option<string>("--compression") { Description = "Metadata compression: zstd (default) or gzip.", DefaultValueFactory = _ => "zstd" };
        var revision = new Option<string?>("--revision") { Description = "The repomd.xml revision (default: the timestamp)." };
        var timestamp = new Option<long?>("--timestamp") { Description = "Seconds since the epoch for every timestamp (default: SOURCE_DATE_EPOCH, else now)." };
        var signKey = new Option<string?>("--sign-key") { Description = "An OpenPGP secret key file: also write repodata/repomd.xml.asc." };
        var passphrase = new Option<string?>("--sign-passphrase") { Description = "The secret key's passphrase (default: none)." };
        var command = new Command("index", "Write rpm-md metadata (repodata/) for a folder of RPMs, as createrepo_c does.");
        command.Arguments.Add(directory);
        command.Options.Add(compression);
        command.Options.Add(revision);
        command.Options.Add(timestamp);
        command.Options.Add(signKey);
        command.Options.Add(passphrase);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var format = parseResult.GetValue(compression) switch
            {
                "zstd" => CompressionFormat.Zstd,
                "gzip" or "gz" => CompressionFormat.Gzip,
                "none" => CompressionFormat.None,
                var other => throw new ArgumentException($"repo index: --compression \"{other}\" is not supported (use zstd or gzip)."),
            };
            var dir = parseResult.GetValue(directory)!;
            var repoMd = await RepositoryIndexer.IndexAsync(dir, new RepositoryIndexOptions
            {
                Compression = format,
                Revision = parseResult.GetValue(revision),
                Timestamp = parseResult.GetValue(timestamp),
                SigningKey = parseResult.GetValue(signKey),
                SigningKeyPassphrase = parseResult.GetValue(passphrase) ?? "",
            }, cancellationToken).ConfigureAwait(false);
            var primary = repoMd.Find("primary")!;
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {Path.Combine(dir, "repodata")}: revision {repoMd.Revision}, {string.Join(", ", repoMd.Records.Select(r => $"{r.Type} {r.Size} bytes"))}; primary {primary.Checksum}.")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
