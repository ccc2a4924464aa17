using Basalt.EndToEnd.Tests.Build;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Trust;

/// <summary>
/// A signed build of the sample (on a small disk, so every tampering test can re-hash it quickly): the sample packages
/// indexed, an Ed25519 key made with <c>basalt key generate</c>, and <c>basalt build --sign-key</c>.
/// </summary>
public sealed class SignedBuildFixture : IDisposable
{
    private readonly TempDirectory _root = new("basalt-signed-build");

    public SignedBuildFixture()
    {
        // The repository sits inside the output folder, as samples/run.sh puts it: files that are not the build's own.
        Repository = _root.Path("out", "repo");
        SampleRepository.Build(Repository);
        Definition = _root.Path("image.yaml");
        var sample = File.ReadAllText(SampleImageFixture.Definition);
        var disk = sample.IndexOf("\ndisk:", StringComparison.Ordinal);
        var outputs = sample.IndexOf("\noutputs:", StringComparison.Ordinal);
        File.WriteAllText(Definition, sample[..disk] + "\ndisk:\n  partitions: {esp: 64M, usr: 64M, root: 16M}\n" + sample[outputs..]);
        BasaltProcess.RunChecked("key", "generate", "--out", _root.Path("keys", "release"), "--type", "ed25519");
        BasaltProcess.RunChecked("key", "generate", "--out", _root.Path("keys", "foreign"), "--type", "ecdsa-p256");
        Output = _root.Path("out");
        BasaltProcess.RunChecked("build", Definition, "-o", Output, "--repo", "basalt-samples=" + Repository, "--sign-key", PrivateKey);
    }

    public string Repository { get; }

    public string Definition { get; }

    public string Output { get; }

    public string PrivateKey => _root.Path("keys", "release.key");

    public string PublicKey => _root.Path("keys", "release.pub");

    public string ForeignPublicKey => _root.Path("keys", "foreign.pub");

    public string Artifact(string suffix) => Path.Combine(Output, "container-host-2026.11.0" + suffix);

    public void Dispose() => _root.Dispose();
}
