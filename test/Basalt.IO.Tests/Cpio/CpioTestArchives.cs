using System.Text;
using Basalt.IO.Cpio;

namespace Basalt.IO.Tests.Cpio;

/// <summary>Archives built with <see cref="CpioNewcWriter"/> for writer and extractor tests.</summary>
internal static class CpioTestArchives
{
    private const uint Dir = 0x4000;
    private const uint File = 0x8000;
    private const uint Link = 0xA000;
    private const uint Mtime = 1_700_000_000;

    /// <summary>Directories (including sticky and private ones), files with special bits, symlinks and a hard-link group.</summary>
    public static byte[] Sample()
    {
        var output = new MemoryStream();
        using (var writer = new CpioNewcWriter(output, leaveOpen: true))
        {
            uint inode = 1;
            writer.WriteEntry(Entry("./usr", Dir | 0x1ed, inode++, 0));
            writer.WriteEntry(Entry("./usr/bin", Dir | 0x1ed, inode++, 1));
            WriteFile(writer, Entry("./usr/bin/tool", File | 0x1ed, inode++, 2), "#!/bin/sh\necho tool\n");
            WriteFile(writer, Entry("./usr/bin/suid", File | 0x9ed, inode++, 3), "setuid binary\n"); // 04755
            WriteFile(writer, Entry("./usr/bin/tool-link", Link | 0x1ff, inode++, 4), "tool");
            WriteFile(writer, Entry("./usr/bin/abs-link", Link | 0x1ff, inode++, 5), "/usr/bin/tool");
            writer.WriteEntry(Entry("./usr/lib", Dir | 0x1ed, inode++, 6));
            var group = inode++;
            writer.WriteHardLinkGroup(
                [Entry("./usr/lib/a", File | 0x1a4, group, 7), Entry("./usr/lib/b", File | 0x1a4, group, 7), Entry("./usr/lib/c", File | 0x1a4, group, 7) with { FileSize = 11 }],
                new MemoryStream("shared data"u8.ToArray()));
            writer.WriteEntry(Entry("./tmp", Dir | 0x3ff, inode++, 8)); // 01777
            writer.WriteEntry(Entry("./root", Dir | 0x1c0, inode++, 9)); // 0700
            WriteFile(writer, Entry("./root/secret", File | 0x180, inode++, 10), "secret\n"); // 0600
            writer.WriteEntry(Entry("./empty", File | 0x1a4, inode++, 11), ReadOnlySpan<byte>.Empty);
            WriteFile(writer, Entry("./deep/implicit/dirs/file", File | 0x1a4, inode++, 12), "parents are implicit\n");
            WriteFile(writer, Entry("./big", File | 0x1a4, inode, 13), new string('x', 70_001));
        }

        return output.ToArray();
    }

    /// <summary>A single archive holding the given entries, each with text data.</summary>
    public static byte[] Build(params (string Name, uint Mode, string Data)[] entries)
    {
        var output = new MemoryStream();
        using (var writer = new CpioNewcWriter(output, leaveOpen: true))
        {
            uint inode = 100;
            foreach (var (name, mode, data) in entries)
            {
                WriteFile(writer, Entry(name, mode, inode++, 0), data);
            }
        }

        return output.ToArray();
    }

    public static CpioEntry Entry(string name, uint mode, uint inode, uint mtimeOffset)
        => new() { Name = name, Mode = mode, Inode = inode, ModificationTime = Mtime + mtimeOffset, NumberOfLinks = (mode & 0xF000) == Dir ? 2u : 1u };

    private static void WriteFile(CpioNewcWriter writer, CpioEntry entry, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        writer.WriteEntry(entry with { FileSize = bytes.Length }, bytes);
    }
}
