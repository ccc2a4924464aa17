using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Libraries;

public sealed class LdSoCacheTests
{
    private static byte[] HostLibrary(string name)
    {
        var path = Path.Combine("/usr/lib/x86_64-linux-gnu", name);
        if (!File.Exists(path))
        {
            Assert.Skip($"'{path}' is not on this host.");
        }

        return File.ReadAllBytes(path);
    }

    [Fact]
    public void Build_NoLibraries_ReturnsNull()
    {
        var tree = new FileTree();
        tree.AddFile("/usr/lib64/README", "text"u8.ToArray());
        tree.AddFile("/usr/lib64/libc.so", "/* GNU ld script */"u8.ToArray());

        Assert.Null(LdSoCache.Build(tree, "x86_64"));
        Assert.False(tree.Contains("/etc/ld.so.cache"));
    }

    [Fact]
    public void Build_UnknownArchitecture_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => LdSoCache.Build(new FileTree(), "riscv64"));
        Assert.StartsWith("Architecture 'riscv64' is not supported for ld.so.cache (x86_64, aarch64).", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OtherMachine_SkipsWithNote()
    {
        var tree = new FileTree();
        tree.AddFile("/usr/lib64/libz.so.1", HostLibrary("libz.so.1.2.13"));

        Assert.Null(LdSoCache.Build(tree, "aarch64"));
    }

    [Fact]
    public void Build_UsrMerged_NamesFirstTrustedDirectoryAndCountsLibraries()
    {
        var tree = new FileTree();
        tree.AddSymbolicLink("/lib64", "usr/lib64");
        tree.AddFile("/usr/lib64/libz.so.1.2.13", HostLibrary("libz.so.1.2.13"));

        var result = LdSoCache.Build(tree, "x86_64");

        Assert.NotNull(result);
        Assert.Equal(1, result.LibraryCount);
        Assert.Equal(["/lib64/libz.so.1 -> libz.so.1.2.13"], result.CreatedLinks);
        Assert.Equal("libz.so.1.2.13", ((SymbolicLinkNode)tree.Get("/usr/lib64/libz.so.1")).Target);
        Assert.Equal("glibc-ld.so.cache1.1"u8.ToArray(), result.Cache[..20]);
    }

    [Theory]
    [InlineData("libz.so.1.2.13", "libz.so.1", 1)]
    [InlineData("libz.so", "libz.so.1", -1)]
    [InlineData("libfoo.so.10", "libfoo.so.9", 1)]
    [InlineData("libfoo.so.1a", "libfoo.so.1a", 0)]
    public void LibraryNameComparer_Order_MatchesGlibc(string left, string right, int sign)
        => Assert.Equal(sign, Math.Sign(LibraryNameComparer.Instance.Compare(left, right)));

    [Fact]
    public void TryRead_MutatedLibrary_OnlyInvalidData()
    {
        var valid = HostLibrary("libz.so.1.2.13");
        Assert.True(ElfSharedObject.TryRead(valid, "libz", out var parsed));
        Assert.Equal("libz.so.1", parsed!.Soname);
        // The ELF header, the program headers, and the region holding .dynamic/.dynstr near the front.
        MutationFuzzer.Run(valid, [(0, 64), (64, 56 * 8), (0, Math.Min(valid.Length, 8192))], bytes => ElfSharedObject.TryRead(bytes, "libz", out _));
    }

    [Fact]
    public void Build_MutatedLibraries_NeverThrow()
    {
        var valid = HostLibrary("libz.so.1.2.13");
        var random = new Random(MutationFuzzer.Seed(11));
        for (var i = 0; i < MutationFuzzer.Iterations(100); i++)
        {
            var copy = (byte[])valid.Clone();
            for (var m = 0; m < 4; m++)
            {
                copy[random.Next(Math.Min(copy.Length, 4096))] = (byte)random.Next(256);
            }

            var tree = new FileTree();
            tree.AddFile("/usr/lib64/libz.so.1.2.13", copy);
            var result = LdSoCache.Build(tree, "x86_64");
            Assert.True(result is null || result.LibraryCount == 1);
        }
    }

    [Fact]
    public void Build_Aarch64Library_WritesAarch64Libc6Flags()
    {
        // The same library with e_machine set to EM_AARCH64 (183): the parse is machine-independent.
        var bytes = HostLibrary("libz.so.1.2.13");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 183);
        var tree = new FileTree();
        tree.AddFile("/usr/lib64/libz.so.1.2.13", bytes);

        var result = LdSoCache.Build(tree, "aarch64", new LdSoCacheOptions { CreateLinks = false });

        Assert.NotNull(result);
        Assert.Equal(0x0A03, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(result.Cache.AsSpan(48)));
        Assert.Equal(1u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(result.Cache.AsSpan(20)));
        Assert.False(tree.Contains("/usr/lib64/libz.so.1"));
    }
}
