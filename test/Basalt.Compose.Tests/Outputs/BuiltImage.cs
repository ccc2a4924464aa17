using Basalt.Compose.Layout;
using Basalt.Compose.Outputs;
using Basalt.Compose.Tests.Layout;
using Basalt.Imaging.Cosi;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Outputs;

/// <summary>One image with every output format, written once for the tests of a class.</summary>
public sealed class BuiltImage : IAsyncLifetime
{
    public static readonly IReadOnlyList<CosiPackage> Packages = [new("hello", "1.0", "1.bas1", "x86_64"), new("bash", "5.2", "3.bas1", "x86_64")];

    private readonly TempDirectory _directory = new("compose-out");

    public ImageTrees Trees { get; } = ImmutableLayout.Build(LayoutFixture.Root(), LayoutFixture.Definition(), LayoutFixture.Epoch);

    public ImageWriteResult Result { get; private set; } = null!;

    public string OutputDirectory => _directory.Path("out");

    public string Path(string extension) => System.IO.Path.Combine(OutputDirectory, "testos-1.2.3." + extension);

    public string Scratch(params string[] parts) => _directory.Path(["scratch", .. parts]);

    public List<string> Progress { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Result = await ImageWriter.WriteAsync(Trees, LayoutFixture.Definition(), Packages, LayoutFixture.Epoch, OutputDirectory, _directory.Path("scratch"),
            new SynchronousProgress(message => { lock (Progress) { Progress.Add(message); } }), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Bytes of the raw disk at a partition.</summary>
    public byte[] PartitionBytes(string name, long? length = null)
    {
        var partition = Result.Partitions.First(p => p.Name == name);
        var bytes = new byte[length ?? partition.SizeBytes];
        using var raw = File.OpenRead(Path("raw"));
        raw.Position = partition.OffsetBytes;
        raw.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Writes a partition of the raw disk to a scratch file for the reference tools.</summary>
    public string ExtractPartition(string name, string fileName)
    {
        Directory.CreateDirectory(Scratch());
        var path = Scratch(fileName);
        File.WriteAllBytes(path, PartitionBytes(name));
        return path;
    }
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late for cancellation tests).</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
