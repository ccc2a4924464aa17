using System.CommandLine;
using System.Text.Json;
using Basalt.Rpm.Signatures;

namespace Basalt.Cli.Commands.Rpm;

/// <summary>
/// <c>basalt rpm verify FILE… [--keyring FILE…] [--json]</c>: check every digest and OpenPGP signature of each package,
/// one line per check as <c>rpm -Kv</c> prints them. Exit 0 only when every digest is right, no signature is bad and,
/// with a keyring, at least one signature by one of its keys verifies; 1 otherwise; 2 when a file cannot be read.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "The .rpm packages.", Arity = ArgumentArity.OneOrMore };
        var keyring = new Option<string[]>("--keyring")
        {
            Description = "An OpenPGP public key file (armored or binary, one or more keys); repeat for several. With a keyring, a package must carry a signature by one of its keys.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document describing every check." };
        var command = new Command("verify", "Check package digests and OpenPGP signatures (like rpm -Kv).");
        command.Arguments.Add(files);
        command.Options.Add(keyring);
        command.Options.Add(json);
        CommandAction.Set(command, context, (parseResult, cancellationToken) =>
        {
            var keyFiles = parseResult.GetValue(keyring) ?? [];
            var keys = keyFiles.Length == 0 ? null : OpenPgpKeyring.Load(keyFiles);
            foreach (var problem in keys?.Problems ?? [])
            {
                context.Error.WriteLine($"basalt: warning: {problem}");
            }

            var outcomes = new List<VerifyOutcome>();
            foreach (var file in parseResult.GetValue(files) ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes.Add(VerifyOne(file, keys, cancellationToken));
            }

            if (parseResult.GetValue(json))
            {
                VerifyOutput.WriteJson(context.StandardOutput, outcomes, keys is not null);
            }
            else
            {
                VerifyOutput.WriteText(context, outcomes, keys is not null);
            }

            var exit = outcomes.Any(o => o.Error is not null) ? ExitCodes.BadInput
                : outcomes.All(o => o.Report!.Passed(requireSignature: keys is not null)) ? ExitCodes.Success
                : ExitCodes.Failure;
            return Task.FromResult(exit);
        });
        return command;
    }

    private static VerifyOutcome VerifyOne(string file, OpenPgpKeyring? keys, CancellationToken cancellationToken)
    {
        try
        {
            return new VerifyOutcome(file, RpmPackageVerifier.Verify(file, keys, cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new VerifyOutcome(file, null, ex.Message);
        }
    }
}

/// <summary>One package's verification, or why it could not be read.</summary>
internal sealed record VerifyOutcome(string File, RpmVerificationReport? Report, string? Error);


/// <summary>Human and JSON renderings of <c>basalt rpm verify</c> results.</summary>
internal static class VerifyOutput
{
    public static void WriteText(CliContext context, IReadOnlyList<VerifyOutcome> outcomes, bool requireSignature)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Report is not { } report)
            {
                context.Error.WriteLine($"basalt: error: {outcome.Error}");
                context.Out.WriteLine($"{outcome.File}: UNREADABLE");
                continue;
            }

            context.Out.WriteLine($"{outcome.File}:");
            foreach (var check in report.Checks)
            {
                context.Out.WriteLine($"    {check}");
            }

            foreach (var warning in report.Warnings)
            {
                context.Error.WriteLine($"basalt: warning: {warning}");
            }

            context.Out.WriteLine($"{outcome.File}: {Verdict(report, requireSignature)}");
        }
    }

    public static void WriteJson(Stream output, IReadOnlyList<VerifyOutcome> outcomes, bool requireSignature)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("keyring", requireSignature);
        json.WriteStartArray("packages");
        foreach (var outcome in outcomes)
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.File);
            if (outcome.Report is not { } report)
            {
                json.WriteBoolean("ok", false);
                json.WriteString("error", outcome.Error);
                json.WriteEndObject();
                continue;
            }

            json.WriteBoolean("ok", report.Passed(requireSignature));
            json.WriteBoolean("digestsOk", report.DigestsOk);
            json.WriteBoolean("signatureVerified", report.SignatureVerified);
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                WriteCheck(json, check);
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in report.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteCheck(Utf8JsonWriter json, RpmCheck check)
    {
        json.WriteStartObject();
        json.WriteString("kind", check.Kind.ToString().ToLowerInvariant());
        json.WriteString("name", check.Name);
        json.WriteNumber("tag", check.Tag);
        json.WriteString("result", check.ResultText);
        WriteOptional(json, "expected", check.Expected);
        WriteOptional(json, "actual", check.Actual);
        if (check.Signature is { } signature)
        {
            json.WriteNumber("version", signature.Version);
            WriteOptional(json, "keyId", signature.KeyIdHex);
            WriteOptional(json, "issuerFingerprint", signature.FingerprintHex);
            json.WriteString("algorithm", signature.AlgorithmName);
            json.WriteString("hash", signature.HashName);
        }

        WriteOptional(json, "keyFingerprint", check.KeyFingerprint);
        WriteOptional(json, "detail", check.Detail);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string Verdict(RpmVerificationReport report, bool requireSignature)
    {
        if (report.Passed(requireSignature))
        {
            return report.SignatureVerified ? "digests signatures OK" : "digests OK";
        }

        var problems = new List<string>();
        if (!report.DigestsOk)
        {
            problems.Add("DIGESTS NOT OK");
        }

        if (!report.NoBadSignature)
        {
            problems.Add("BAD SIGNATURE");
        }
        else if (requireSignature && !report.SignatureVerified)
        {
            problems.Add("NO SIGNATURE BY A KEYRING KEY");
        }

        return string.Join(", ", problems);
    }
}
