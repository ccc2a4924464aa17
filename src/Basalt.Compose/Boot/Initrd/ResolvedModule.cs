namespace Basalt.Compose.Boot.Initrd;

/// <summary>A kernel module to load, in the order <see cref="KernelModules.Resolve"/> returns them.</summary>
/// <param name="Name">kmod's name for it ("dm_verity": '-' written as '_').</param>
/// <param name="Path">The module file's canonical path in the image ("/usr/lib/modules/6.1.0-1/kernel/drivers/md/dm-verity.ko").</param>
/// <param name="Dependencies">The modules it needs loaded first (its "depends=", transitively), dependencies first.</param>
public sealed record ResolvedModule(string Name, string Path, IReadOnlyList<string> Dependencies);
