using System.Text.RegularExpressions;
using Basalt.Compose.Machines;

namespace Basalt.Compose.Tests.Machines;

public sealed class ConsoleWatcherTests
{
    [Fact]
    public void Feed_PatternSplitAcrossChunks_Matches()
    {
        var watcher = new ConsoleWatcher(new Regex("BASALT-[0-9]+-READY"));
        Assert.Equal(ConsoleEvent.None, watcher.Feed("[    0.1] booting\r\nBASALT-4"));
        Assert.Equal(ConsoleEvent.None, watcher.Feed("2-REA"));
        Assert.Equal(ConsoleEvent.Matched, watcher.Feed("DY\r\nmore"));
        Assert.Equal("BASALT-42-READY", watcher.EventLine);
    }

    [Fact]
    public void Feed_PromptWithoutNewline_Matches()
    {
        var watcher = new ConsoleWatcher(new Regex("login: $"));
        Assert.Equal(ConsoleEvent.Matched, watcher.Feed("\nbasalt login: "));
    }

    [Fact]
    public void Feed_KernelPanic_ReportsPanicEvenWithoutPattern()
    {
        var watcher = new ConsoleWatcher(null);
        Assert.Equal(ConsoleEvent.None, watcher.Feed("[    1.2] VFS: Unable to mount root fs on unknown-block(0,0)\n[    1.3] Kernel panic - not "));
        Assert.Equal(ConsoleEvent.KernelPanic, watcher.Feed("syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n"));
        Assert.Equal("[    1.3] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)", watcher.EventLine);
        Assert.False(watcher.IsExpecting);
    }

    [Fact]
    public void Feed_FirstEventSticks()
    {
        var watcher = new ConsoleWatcher(new Regex("READY"));
        watcher.Feed("READY\nKernel panic - not syncing: later\n");
        Assert.Equal(ConsoleEvent.Matched, watcher.Event);
        Assert.Equal(ConsoleEvent.Matched, watcher.Feed("Kernel panic - not syncing: again\n"));
    }

    [Fact]
    public void Feed_PatternOnEarlierLineOnly_DoesNotMatchAcrossLines()
    {
        var watcher = new ConsoleWatcher(new Regex("A\\s+B"));
        Assert.Equal(ConsoleEvent.None, watcher.Feed("A\nB\n"));
        Assert.True(watcher.IsExpecting);
    }
}
