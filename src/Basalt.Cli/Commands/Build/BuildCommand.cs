using System.CommandLine;
using System.Globalization;
using Basalt.Compose.Build;
using Basalt.Repositories.Sources;
using Basalt.Trust.Build;
using Basalt.Trust.Keys;
using Basalt.Trust.Signing;

namespace Basalt.Cli.Commands.Build;

/// <summary>
/// <c>basalt build DEFINITION -o OUTDIR</c>: builds the image a definition describes. Progress goes to stderr, the
/// summary (or with --json the build report) to stdout. Exit 0 built, 1 the packages cannot be installed together,
/// 2 bad input, 130 cancelled — in every failing case the output folder is left as it was.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(CliContext context)
    {
        var definition = new Argument<string>("DEFINITION") { Description = "Image definition (YAML); see docs/image-definition.md." };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the artefacts, lockfile and build report.", Required = true };
        var lockPath = new Option<string?>("--lock") { Description = "Build the packages this lockfile names; written after a fresh resolve when missing." };
        var update = new Option<bool>("--update") { Description = "Resolve afresh even when --lock exists, and rewrite it." };
        var repos = new Option<string[]>("--repo")
        {
            Description = "ID=LOCATION: read the definition's repository ID from LOCATION (a folder or URL) instead, e.g. a mirror. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cache = new Option<string?>("--cache") { Description = "Cache for downloaded metadata and packages (default: $XDG_CACHE_HOME/basalt/repositories)." };
        var json = new Option<bool>("--json") { Description = "Print the build report (JSON) instead of the summary." };
        var signKey = new Option<string?>("--sign-key") { Description = "Sign the provenance and SHA256SUMS with this key (NAME.key from `basalt key generate`)." };
        var passphraseVariable = new Option<string?>("--sign-passphrase-env") { Description = "Environment variable holding the key's passphrase." };
        var exportRequests = new Option<string?>("--export-signing-requests")
        {
            Description = "External signing, step 1: write what must be signed (provenance, SHA256SUMS) into this folder instead of signing. Needs --sign-pub.",
        };
        var importSignatures = new Option<string?>("--import-signatures")
        {
            Description = "External signing, step 2: build again (same definition and --lock) and take the signatures from this folder. Needs --sign-pub.",
        };
        var signPub = new Option<string?>("--sign-pub") { Description = "The external signer's public key (PEM): its key id, and the check of imported signatures." };
        var secureBoot = new SecureBootOptions();
        var command = new Command("build", "Build the images an image definition describes.")
        {
            definition, output, lockPath, update, repos, cache, json, signKey, passphraseVariable, exportRequests, importSignatures, signPub,
        };
        secureBoot.AddTo(command);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            using var secureBootSigner = secureBoot.Load(parseResult);
            var options = new ImageBuildOptions
            {
                DefinitionPath = parseResult.GetValue(definition)!,
                OutputDirectory = parseResult.GetValue(output)!,
                LockFilePath = parseResult.GetValue(lockPath),
                UpdateLock = parseResult.GetValue(update),
                RepositoryLocations = ParseLocations(parseResult.GetValue(repos) ?? []),
                Cache = parseResult.GetValue(cache) is { } folder ? new RepositoryCache(folder) : null,
                EnvironmentSourceDateEpoch = EnvironmentSourceDateEpoch(),
                Finishing = TrustFinishing(Signing(parseResult.GetValue(signKey), parseResult.GetValue(passphraseVariable),
                    parseResult.GetValue(exportRequests), parseResult.GetValue(importSignatures), parseResult.GetValue(signPub))),
                SecureBootSigner = secureBootSigner,
            };
            var observer = new ConsoleBuildObserver(context.Error, context.ErrorIsTerminal);
            BuildReport report;
            try
            {
                report = await ImageBuilder.BuildAsync(options, observer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                observer.Finish();
            }

            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(BuildReportWriter.ToJson(report).AsMemory(), cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteAsync(BuildReportWriter.Summarize(report).AsMemory(), cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"Wrote {string.Join(", ", report.Published)} to {Path.GetFullPath(options.OutputDirectory)}".AsMemory(),
                    cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>SBOMs and SHA256SUMS for every build; signed, the provenance and SHA256SUMS.sig too.</summary>
    private static Func<BuildOutputs, CancellationToken, Task<IReadOnlyList<string>>> TrustFinishing(TrustSigning signing)
        => (outputs, cancellationToken) => TrustOutputs.WriteAsync(outputs, signing, cancellationToken);

    /// <summary>
    /// How to sign, from the options. Keys are loaded and signatures imported before building, so a wrong passphrase or a
    /// missing signature fails in a second rather than after the whole build.
    /// </summary>
    private static TrustSigning Signing(string? keyPath, string? passphraseVariable, string? exportFolder, string? importFolder, string? publicKey)
    {
        if (new[] { keyPath, exportFolder, importFolder }.Count(o => o is not null) > 1)
        {
            throw new ArgumentException("--sign-key, --export-signing-requests and --import-signatures are alternatives; give one.");
        }

        if ((exportFolder ?? importFolder) is not null && publicKey is null)
        {
            throw new ArgumentException("--export-signing-requests and --import-signatures need --sign-pub (the external signer's public key).");
        }

        if (keyPath is not null)
        {
            return TrustSigning.With(SigningKeyFiles.LoadPrivate(keyPath, PassphraseEnvironment.Read(passphraseVariable, "--sign-passphrase-env")));
        }

        if (exportFolder is not null)
        {
            return TrustSigning.Export(SigningKeyFiles.LoadPublic(publicKey!).KeyId, Path.GetFullPath(exportFolder));
        }

        return importFolder is not null
            ? TrustSigning.With(DetachedSigning.ReadSignatures(importFolder, SigningKeyFiles.LoadPublic(publicKey!)))
            : TrustSigning.None;
    }

    private static Dictionary<string, string> ParseLocations(string[] values)
    {
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new ArgumentException($"--repo '{value}' is not ID=LOCATION.");
            }

            var location = value[(equals + 1)..];
            var isUrl = location.Contains("://", StringComparison.Ordinal);
            if (!locations.TryAdd(value[..equals], isUrl ? location : Path.GetFullPath(location)))
            {
                throw new ArgumentException($"--repo names repository '{value[..equals]}' twice.");
            }
        }

        return locations;
    }

    /// <summary>SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since the epoch, or unset.</summary>
    private static long? EnvironmentSourceDateEpoch()
    {
        var text = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new ArgumentException($"SOURCE_DATE_EPOCH '{text}' is not a whole number of seconds.");
    }
}
