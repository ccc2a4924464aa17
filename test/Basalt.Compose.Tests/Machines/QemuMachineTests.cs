using System.Text;
using Basalt.Compose.Machines;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Machines;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class QemuMachineTests
{
    private static async Task<string> DiskAsync(TempDirectory temp)
    {
        var esp = TestDisks.Esp();
        esp.AddFile("/loader/entries/basalt.conf", "linux /linux\ninitrd /initrd\noptions console=ttyS0\n"u8.ToArray());
        esp.AddFile("/linux", TestDisks.Bytes(5000, 5));
        esp.AddFile("/initrd", TestDisks.Bytes(100, 6));
        return await TestDisks.WriteAsync(temp, esp);
    }

    [Fact]
    public async Task Prepare_DirectKernel_CommandNamesPrivateTempFilesRemovedOnDispose()
    {
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        string directory;
        using (var machine = QemuMachine.Prepare(new QemuOptions { ImagePath = disk }))
        {
            var kernel = machine.Arguments[machine.Arguments.ToList().IndexOf("-kernel") + 1];
            directory = Path.GetDirectoryName(kernel)!;
            Assert.True(Directory.Exists(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(Path.Combine(directory, "initrd"), machine.Arguments[machine.Arguments.ToList().IndexOf("-initrd") + 1]);
            Assert.Contains($" -append console=ttyS0 -drive if=virtio,format=raw,snapshot=on,file={disk}", machine.CommandLine, StringComparison.Ordinal);
            Assert.Equal("basalt.conf", machine.Plan!.Entry.Id);
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task RunAsync_QemuMissing_ThrowsWithInstallHint()
    {
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        using var machine = QemuMachine.Prepare(new QemuOptions { ImagePath = disk, QemuExecutable = "/nonexistent/qemu-system-x86_64" });
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => machine.RunAsync(Stream.Null, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Equal("'/nonexistent/qemu-system-x86_64' is not installed (apt-get install qemu-system-x86 ovmf).", error.Message);
    }

    [Fact]
    public async Task RunAsync_OvmfMissing_ThrowsWithInstallHint()
    {
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        using var machine = QemuMachine.Prepare(new QemuOptions { ImagePath = disk, Firmware = FirmwareMode.Uefi, FirmwareDirectory = temp.Path("no-ovmf"), QemuExecutable = "/bin/true" });
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => machine.RunAsync(Stream.Null, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Equal($"OVMF firmware '{temp.Path("no-ovmf", "OVMF_CODE_4M.fd")}' does not exist (apt-get install qemu-system-x86 ovmf).", error.Message);
    }

    [Fact]
    public async Task RunAsync_ProcessPrintsPatternThenWaits_MatchesAndStopsIt()
    {
        // A stand-in for qemu: a shell script that prints like a console and then hangs, ignoring its arguments.
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        var fake = temp.Path("fake-qemu");
        File.WriteAllText(fake, "#!/bin/sh\necho 'booting'\necho 'BASALT READY'\nexec sleep 60\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var machine = QemuMachine.Prepare(new QemuOptions
        {
            ImagePath = disk, QemuExecutable = fake, Expect = new System.Text.RegularExpressions.Regex("READY"), Timeout = TimeSpan.FromSeconds(50),
        });
        using var console = new MemoryStream();

        var result = await machine.RunAsync(console, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(MachineOutcome.Matched, result.Outcome);
        Assert.Equal("BASALT READY", result.ConsoleLine);
        Assert.StartsWith("booting\nBASALT READY\n", Encoding.UTF8.GetString(console.ToArray()), StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(50), $"took {result.Elapsed}");
    }

    [Theory]
    [InlineData("echo 'Kernel panic - not syncing: test'; exec sleep 60", null, MachineOutcome.KernelPanic, null)]
    [InlineData("echo hello; exit 3", null, MachineOutcome.Exited, 3)]
    [InlineData("echo hello; exit 0", "NEVER", MachineOutcome.ExitedBeforeMatch, 0)]
    [InlineData("exec sleep 60", null, MachineOutcome.TimedOut, null)]
    public async Task RunAsync_FakeQemu_ReportsOutcome(string script, string? expect, MachineOutcome outcome, int? exitCode)
    {
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        var fake = temp.Path("fake-qemu");
        File.WriteAllText(fake, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var machine = QemuMachine.Prepare(new QemuOptions
        {
            ImagePath = disk, QemuExecutable = fake, Timeout = TimeSpan.FromSeconds(1),
            Expect = expect is null ? null : new System.Text.RegularExpressions.Regex(expect),
        });

        var result = await machine.RunAsync(Stream.Null, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(exitCode, result.QemuExitCode);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsProcessAndThrows()
    {
        using var temp = new TempDirectory();
        var disk = await DiskAsync(temp);
        var fake = temp.Path("fake-qemu");
        var pidFile = temp.Path("pid");
        File.WriteAllText(fake, $"#!/bin/sh\necho $$ > '{pidFile}'\necho started\nexec sleep 60\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var machine = QemuMachine.Prepare(new QemuOptions { ImagePath = disk, QemuExecutable = fake, Timeout = TimeSpan.FromSeconds(50) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => machine.RunAsync(Stream.Null, TextWriter.Null, cancel.Token));

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs");
    }
}
