using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Basalt.Imaging.Verity;

namespace Basalt.Cli.Commands.Verity;

/// <summary>
/// <c>basalt verity format DATA HASH_OUT</c>: the same hash device as <c>veritysetup format</c>, and the same
/// report. Like veritysetup, the salt (32 bytes) and UUID are random unless given; pass both for a
/// reproducible root hash.
/// </summary>
internal static class VerityFormatCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "Data file (its whole 4096-byte blocks are protected)." };
        var hash = new Argument<string>("HASH_OUT") { Description = "Hash file to write; may be DATA itself with --hash-offset." };
        var salt = new Option<string?>("--salt") { Description = "Salt as hex, or '-' for none; default 32 random bytes." };
        var uuid = new Option<Guid?>("--uuid") { Description = "Superblock UUID; default random." };
        var hashOffset = new Option<long>("--hash-offset") { Description = "Byte offset of the superblock in HASH_OUT (to append the tree to DATA)." };
        var dataBlocks = new Option<long?>("--data-blocks") { Description = "Number of data blocks to protect; default all whole blocks." };
        var command = new Command("format", "Write a dm-verity hash tree and superblock as veritysetup format does.");
        command.Arguments.Add(data);
        command.Arguments.Add(hash);
        command.Options.Add(salt);
        command.Options.Add(uuid);
        command.Options.Add(hashOffset);
        command.Options.Add(dataBlocks);
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var options = new VerityOptions
            {
                Salt = ParseSalt(parseResult.GetValue(salt)),
                Uuid = parseResult.GetValue(uuid) ?? Guid.NewGuid(),
                HashOffset = parseResult.GetValue(hashOffset),
                DataBlocks = parseResult.GetValue(dataBlocks),
            };
            var hashPath = parseResult.GetValue(hash)!;
            var result = await VerityFormatter.FormatAsync(parseResult.GetValue(data)!, hashPath, options, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteAsync(Report(hashPath, result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>veritysetup's "VERITY header information" layout: labels padded to 17 columns, a tab, the value.</summary>
    internal static string Report(string hashPath, VerityFormatResult result)
    {
        var superblock = result.Superblock;
        var salt = superblock.Salt.Length == 0 ? "-" : Convert.ToHexStringLower(superblock.Salt);
        return string.Create(CultureInfo.InvariantCulture, $"""
            VERITY header information for {hashPath}
            UUID:            	{superblock.Uuid:D}
            Hash type:       	1
            Data blocks:     	{superblock.DataBlocks}
            Data block size: 	4096
            Hash blocks:     	{result.HashBlocks}
            Hash block size: 	4096
            Hash algorithm:  	sha256
            Salt:            	{salt}
            Root hash:      	{result.RootHashHex}
            Hash device size: 	{result.HashDeviceSize} [bytes]

            """).ReplaceLineEndings("\n");
    }

    private static byte[] ParseSalt(string? text)
    {
        if (text is null)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        if (text == "-")
        {
            return [];
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"Salt '{text}' is not an even number of hex digits.");
        }
    }
}
