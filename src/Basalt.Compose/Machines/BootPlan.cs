namespace Basalt.Compose.Machines;

/// <summary>The entry chosen for a direct kernel boot and the command line it carries.</summary>
public sealed record BootPlan(BootEntry Entry, string CommandLine, bool HasInitrd);

/// <summary>The kernel and (all initrds concatenated into) one initrd, extracted to files for qemu's -kernel/-initrd.</summary>
public sealed record BootFiles(string KernelPath, string? InitrdPath, string CommandLine);
