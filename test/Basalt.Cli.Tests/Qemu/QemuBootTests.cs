namespace Basalt.Cli.Tests.Qemu;

/// <summary>Real boots under TCG (a few seconds each), kept to three: success, kernel panic, timeout.</summary>
public sealed class QemuBootTests(BootImages images) : IClassFixture<BootImages>
{
    [Fact]
    public void Qemu_ExpectMarker_ExitsZeroWithConsoleOnStdout()
    {
        var image = images.Boots;
        var result = Cli.Run("qemu", image, "--expect", BootImages.Marker, "--timeout", "100");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains(BootImages.Marker, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"basalt: matched '{BootImages.Marker}' after ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_EntryWithoutInitrd_ExitsWithKernelPanicCode()
    {
        var image = images.Panics;
        var result = Cli.Run("qemu", image, "--expect", BootImages.Marker, "--timeout", "100");

        Assert.True(result.ExitCode == 4, result.StandardOutput + result.StandardError);
        Assert.Contains("VFS: Unable to mount root fs", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("basalt: kernel panic after ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_GuestNeverPrintsPattern_TimesOutQuickly()
    {
        var image = images.Hangs;
        var started = DateTime.UtcNow;
        var result = Cli.Run("qemu", image, "--expect", BootImages.Marker, "--timeout", "2");

        Assert.True(result.ExitCode == 3, result.StandardOutput + result.StandardError);
        Assert.Contains($"basalt: timed out after 2 s waiting for '{BootImages.Marker}'", result.StandardError, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the timeout did not stop qemu");
    }
}
