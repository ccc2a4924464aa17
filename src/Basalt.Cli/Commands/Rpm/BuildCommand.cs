using System.CommandLine;
using System.Globalization;
using Basalt.Compression;
using Basalt.Rpm.Writer;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm build MANIFEST -o DIR</c>: build a binary RPM from a package manifest (docs/rpm-manifest.md) and
/// print the path of the package, written atomically as DIR/name-version-release.arch.rpm.
/// </summary>
internal static class BuildCommand
{
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <summary>Where the signing key's passphrase comes from: an environment variable keeps it off the command line.</summary>
    public const string PassphraseVariable = "BASALT_SIGN_PASSPHRASE";

    public static Command Create(CliContext context)
    {
        var manifest = new Argument<string>("MANIFEST") { Description = "The package manifest (package.yaml)." };
        var output = new Option<string>("--output", "-o") { Description = "Directory the package is written to.", Required = true };
        var compression = new Option<string>("--compression")
        {
            Description = "Payload compressor: zstd (default, level 19) or gzip (level 9).",
            DefaultValueFactory = _ => "zstd",
        };
        compression.AcceptOnlyFromAmong("zstd", "gzip");
        var level = new Option<int?>("--compression-level")
        {
            Description = "Compression level (zstd 1-19, gzip 1-9); the default is rpm's (19 and 9). Recorded in the header as rpm does (w3.zstdio).",
        };
        level.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int?>();
            var max = result.GetResult(compression)?.GetValueOrDefault<string>() == "gzip" ? 9 : 19;
            if (value is { } given && (given < 1 || given > max))
            {
                result.AddError($"--compression-level {given} is outside 1-{max} for this compressor.");
            }
        });
        var epoch = new Option<long?>("--source-date-epoch")
        {
            Description = $"Build time and ceiling for file times, in seconds since 1970 (default: ${SourceDateEpochVariable}, else now).",
        };
        var signKey = new Option<string?>("--sign-key")
        {
            Description = $"Sign the header with this OpenPGP secret key file (armored); its passphrase, if any, from ${PassphraseVariable}.",
        };
        var command = new Command("build", "Build a binary RPM from a package manifest, byte-reproducible under SOURCE_DATE_EPOCH.");
        command.Arguments.Add(manifest);
        command.Options.Add(output);
        command.Options.Add(compression);
        command.Options.Add(level);
        command.Options.Add(epoch);
        command.Options.Add(signKey);
        CommandAction.Set(command, context, (parseResult, cancellationToken) =>
        {
            var options = new RpmWriterOptions
            {
                Compression = parseResult.GetValue(compression) == "gzip" ? CompressionFormat.Gzip : CompressionFormat.Zstd,
                CompressionLevel = parseResult.GetValue(level),
                SourceDateEpoch = parseResult.GetValue(epoch) ?? EnvironmentEpoch(),
                SigningKeyPath = parseResult.GetValue(signKey),
                SigningKeyPassphrase = Environment.GetEnvironmentVariable(PassphraseVariable),
            };
            var path = RpmPackageBuilder.Build(parseResult.GetValue(manifest)!, parseResult.GetValue(output)!, options, cancellationToken);
            context.Out.WriteLine(path);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>SOURCE_DATE_EPOCH as the reproducible-builds specification defines it: a decimal count of seconds.</summary>
    private static long? EnvironmentEpoch()
    {
        var text = Environment.GetEnvironmentVariable(SourceDateEpochVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{SourceDateEpochVariable}='{text}' is not a whole number of seconds.");
    }
}
