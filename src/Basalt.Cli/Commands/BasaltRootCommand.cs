using System.CommandLine;
using Basalt.Cli.Commands.Disk;
using Basalt.Cli.Commands.Mkfs;
using Basalt.Cli.Commands.Rpm;
using Basalt.Cli.Commands.Verity;

namespace Basalt.Cli.Commands;

/// <summary>The <c>basalt</c> command tree.</summary>
internal static class BasaltRootCommand
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("Basalt: reproducible, verity-sealed immutable Linux images from RPM repositories.")
        {
            RpmCommand.Create(context),
            MkfsCommand.Create(context),
            VerityCommand.Create(context),
            DiskCommand.Create(context),
            Repo.RepoCommand.Create(context),
            Resolve.ResolveCommand.Create(context),
            Definition.SchemaCommand.Create(context),
            Definition.ValidateCommand.Create(context),
            Build.BuildCommand.Create(context),
            Trust.VerifyCommand.Create(context),
            Trust.RebuildCommand.Create(context),
            Key.KeyCommand.Create(context),
            Qemu.QemuCommand.Create(context),
            Efi.EfiCommand.Create(context),
        };
        return root;
    }
}
