using System.Text;
using System.Text.RegularExpressions;

namespace Basalt.Compose.Machines;

/// <summary>What the console showed that ends a run early.</summary>
public enum ConsoleEvent
{
    None,
    Matched,
    KernelPanic,
}

/// <summary>
/// Watches the serial console, fed in arbitrary chunks: the expected pattern is matched against each line (and the
/// line still being written, so a prompt without a newline counts); a kernel panic is recognised by the kernel's
/// fixed "Kernel panic - not syncing" text (kernel/panic.c). The first event wins and sticks.
/// </summary>
public sealed class ConsoleWatcher(Regex? expect)
{
    public const string PanicText = "Kernel panic - not syncing";

    // A console line longer than this is matched in pieces; the kernel's own lines are far shorter.
    private const int MaxLineChars = 16 * 1024;
    private readonly StringBuilder _line = new();

    public ConsoleEvent Event { get; private set; }

    /// <summary>True when a pattern is expected, so qemu exiting first is a failure.</summary>
    public bool IsExpecting => expect is not null;

    /// <summary>The console line that caused <see cref="Event"/>.</summary>
    public string? EventLine { get; private set; }

    public ConsoleEvent Feed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (Event != ConsoleEvent.None)
            {
                break;
            }

            if (c == '\n')
            {
                Check();
                _line.Clear();
            }
            else if (c != '\r')
            {
                _line.Append(c);
                if (_line.Length >= MaxLineChars)
                {
                    Check();
                    _line.Clear();
                }
            }
        }

        if (Event == ConsoleEvent.None && _line.Length > 0)
        {
            Check();
        }

        return Event;
    }

    private void Check()
    {
        var line = _line.ToString();
        if (expect is not null && expect.IsMatch(line))
        {
            Event = ConsoleEvent.Matched;
            EventLine = line;
        }
        else if (line.Contains(PanicText, StringComparison.Ordinal))
        {
            Event = ConsoleEvent.KernelPanic;
            EventLine = line;
        }
    }
}
