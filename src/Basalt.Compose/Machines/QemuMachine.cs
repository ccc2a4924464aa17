namespace Basalt.Compose.Machines;

/// <summary>
/// One qemu run of a disk image: <see cref="Prepare"/> opens the image, detects its format and (for a direct kernel
/// boot) chooses the ESP entry; <see cref="RunAsync"/> extracts the kernel and initrd, copies the UEFI variable
/// store, and runs qemu. Everything temporary lives in a private directory (mode 0700) removed by <see cref="Dispose"/>.
/// </summary>
public sealed class QemuMachine : IDisposable
{
    public const string InstallHint = "apt-get install qemu-system-x86 ovmf";

    private readonly QemuOptions _options;
    private readonly MachineImage _image;
    private readonly string _directory;

    private QemuMachine(QemuOptions options, MachineImage image, string directory, BootPlan? plan)
    {
        _options = options;
        _image = image;
        _directory = directory;
        Plan = plan;
        var boot = plan is null ? null : new BootFiles(KernelPath, plan.HasInitrd ? InitrdPath : null, plan.CommandLine);
        Arguments = QemuCommandLine.Build(options, image.QemuFormat, boot, options.Firmware == FirmwareMode.DirectKernel ? null : VarsPath);
    }

    /// <summary>The entry chosen for a direct kernel boot; null with firmware.</summary>
    public BootPlan? Plan { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The qemu command line, shell-quoted; the files it names in the temporary directory exist only during <see cref="RunAsync"/>.</summary>
    public string CommandLine => QemuCommandLine.Format(_options.QemuExecutable, Arguments);

    private string KernelPath => Path.Combine(_directory, "linux");

    private string InitrdPath => Path.Combine(_directory, "initrd");

    private string VarsPath => Path.Combine(_directory, QemuCommandLine.VarsFileName);

    public static QemuMachine Prepare(QemuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Firmware == FirmwareMode.SecureBoot && options.VarsTemplate is null)
        {
            throw new ArgumentException("Secure Boot needs a UEFI variable store with enrolled keys (--vars FILE), e.g. /usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd.");
        }

        var image = MachineImage.Open(options.ImagePath);
        try
        {
            var plan = options.Firmware == FirmwareMode.DirectKernel ? EspBootLoader.Plan(image.OpenEsp()) : null;
            var directory = Directory.CreateTempSubdirectory("basalt-qemu-").FullName;
            return new QemuMachine(options, image, directory, plan);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Runs qemu until the console event, its exit or the timeout. Throws <see cref="OperationCanceledException"/> when cancelled, after stopping qemu.</summary>
    public async Task<MachineRunResult> RunAsync(Stream console, TextWriter diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var executable = FindExecutable(_options.QemuExecutable)
            ?? throw new FileNotFoundException($"'{_options.QemuExecutable}' is not installed ({InstallHint}).", _options.QemuExecutable);
        if (Plan is not null)
        {
            EspBootLoader.Extract(_image.OpenEsp(), Plan, _directory, cancellationToken);
        }
        else
        {
            var code = Path.Combine(_options.FirmwareDirectory,
                _options.Firmware == FirmwareMode.SecureBoot ? QemuCommandLine.SecureBootCodeFileName : QemuCommandLine.CodeFileName);
            var vars = _options.VarsTemplate ?? Path.Combine(_options.FirmwareDirectory, QemuCommandLine.VarsFileName);
            RequireFile(code, "OVMF firmware");
            RequireFile(vars, "UEFI variable store");
            File.Copy(vars, VarsPath);
        }

        var watcher = new ConsoleWatcher(_options.Expect);
        return await QemuProcess.RunAsync(executable, Arguments, watcher, _options.Timeout, console, diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _image.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{what} '{path}' does not exist ({InstallHint}).", path);
        }
    }

    private static string? FindExecutable(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
