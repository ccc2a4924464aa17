using Basalt.EndToEnd.Tests.Build;
using Basalt.Imaging.Erofs;
using Basalt.IO;

namespace Basalt.EndToEnd.Tests.Trust;

/// <summary><c>basalt rebuild --check</c>: the sample rebuilds byte for byte, and a changed byte is located in its partition and file.</summary>
[Collection(SignedBuildGroup.Name)]
public sealed class RebuildCheckTests(SignedBuildFixture build)
{
    [Fact]
    public void RebuildCheck_Sample_IsByteIdentical()
    {
        var result = BasaltProcess.Run(["rebuild", "--check", build.Output]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("same container-host-2026.11.0.raw: identical", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("rebuild is byte-identical", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RebuildCheck_AByteOfAFileChanged_NamesTheArtefactOffsetPartitionAndFile()
    {
        var raw = build.Artifact(".raw");
        var usr = DiskPartition.Read(raw)[1];
        long offset;
        using (var stream = new WindowStream(File.OpenRead(raw), usr.Start * 512, usr.Sectors * 512))
        {
            var motd = ErofsReader.ReadEntries(stream, "usr").Single(e => e.Path == "/share/factory/etc/motd");
            offset = (usr.Start * 512) + motd.Extents[0].Offset + 3;
        }

        var original = ByteFlip.Flip(raw, offset);
        try
        {
            var result = BasaltProcess.Run(["rebuild", "--check", build.Output]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"DIFF container-host-2026.11.0.raw: differs at byte {offset} (partition 2 'usr-x86-64', file /share/factory/etc/motd",
                result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            ByteFlip.Restore(raw, offset, original);
        }
    }
}
