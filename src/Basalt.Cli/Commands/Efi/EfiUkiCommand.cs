using System.CommandLine;
using System.Globalization;
using Basalt.Imaging.Pe;

namespace Basalt.Cli.Commands.Efi;

/// <summary>
/// <c>basalt efi uki --stub STUB --linux KERNEL [--initrd FILE] --cmdline TEXT --os-release FILE [--uname TEXT] -o OUT</c>:
/// assembles a Unified Kernel Image (what ukify does), deterministically and without objcopy.
/// </summary>
internal static class EfiUkiCommand
{
    public static Command Create(CliContext context)
    {
        var stub = new Option<string>("--stub") { Description = "systemd-stub, e.g. /usr/lib/systemd/boot/efi/linuxx64.efi.stub.", Required = true };
        var linux = new Option<string>("--linux") { Description = "Kernel image (vmlinuz).", Required = true };
        var initrd = new Option<string?>("--initrd") { Description = "Initrd (cpio archive, optionally compressed)." };
        var cmdline = new Option<string>("--cmdline") { Description = "Kernel command line, stored as given.", Required = true };
        var osRelease = new Option<string>("--os-release") { Description = "os-release file for the .osrel section.", Required = true };
        var uname = new Option<string?>("--uname") { Description = "Kernel release (uname -r) for the .uname section." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the UKI.", Required = true };
        var command = new Command("uki", "Assemble a Unified Kernel Image from systemd-stub, a kernel, an initrd and a command line.");
        foreach (var option in new Option[] { stub, linux, initrd, cmdline, osRelease, uname, output })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, context, parseResult =>
        {
            var initrdPath = parseResult.GetValue(initrd);
            var sections = new UkiSections
            {
                Linux = EfiCommand.ReadInput(parseResult.GetValue(linux)!, "Kernel"),
                Initrd = initrdPath is null ? null : EfiCommand.ReadInput(initrdPath, "Initrd"),
                CommandLine = parseResult.GetValue(cmdline)!,
                OsRelease = File.ReadAllText(parseResult.GetValue(osRelease)!),
                Uname = parseResult.GetValue(uname),
            };
            var stubPath = parseResult.GetValue(stub)!;
            var uki = UkiBuilder.Build(EfiCommand.ReadInput(stubPath, "Stub"), sections, stubPath);

            var outputPath = parseResult.GetValue(output)!;
            EfiCommand.WriteOutput(outputPath, uki);
            var image = PeImage.Parse(uki, outputPath);
            context.Out.WriteLine($"wrote {Path.GetFullPath(outputPath)} ({uki.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
            foreach (var section in image.Sections.Where(s => s.Name is ".osrel" or ".cmdline" or ".uname" or ".initrd" or ".linux"))
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {section.Name,-8}  rva 0x{section.VirtualAddress:x8}  size {section.VirtualSize}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
