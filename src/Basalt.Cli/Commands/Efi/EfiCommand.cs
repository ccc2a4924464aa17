using System.CommandLine;

namespace Basalt.Cli.Commands.Efi;

/// <summary><c>basalt efi …</c>: inspect, assemble (UKI) and sign EFI PE images.</summary>
internal static class EfiCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("efi", "Inspect, assemble and sign EFI PE images (UKIs, boot loaders).");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(EfiInspectCommand.Create(context));
        command.Subcommands.Add(EfiSignCommand.Create(context));
        command.Subcommands.Add(EfiUkiCommand.Create(context));
        return command;
    }

    /// <summary>Reads an input file whole, refusing files too large to hold in one PE image.</summary>
    internal static byte[] ReadInput(string path, string what)
    {
        var length = new FileInfo(path).Length;
        if (length > int.MaxValue)
        {
            throw new InvalidDataException($"{what} '{path}' is {length} bytes, too large for a PE image.");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically (temporary sibling, then rename).</summary>
    internal static void WriteOutput(string path, ReadOnlySpan<byte> data)
    {
        using var output = Basalt.IO.AtomicOutput.CreateFile(path);
        output.Stream.Write(data);
        output.Commit();
    }
}
