using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

/// <summary>The signed fixture packages and the public keys that go with them.</summary>
internal static class SignatureFixtures
{
    public static IReadOnlyList<string> CentOsKeys => Fixtures.Files("rpms/cavaliergopher-rpm/testdata", "RPM-GPG-KEY-CentOS-*");

    public static IReadOnlyList<string> RpmTestKeys =>
    [
        Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-rsa-2048-test.pub"),
        Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-rsa-2048-add-subkey.asc"),
        Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-ed25519-test.pub"),
        Fixtures.Path("rpms/rpm/tests/data/keys/rpm.org-nistp256-test.pub"),
        Fixtures.Path("rpms/rpm/tests/data/keys/alice.asc"),
    ];

    public static IReadOnlyList<string> RpmRsV4Keys => Fixtures.Files("rpms/rpm-rs/tests/assets/signing_keys/v4", "*.asc");

    public static IReadOnlyList<string> RpmRsV6Keys => Fixtures.Files("rpms/rpm-rs/tests/assets/signing_keys/v6", "*.asc");

    /// <summary>Package path (relative to shared/data) and which key set verifies it.</summary>
    public static TheoryData<string, string> SignedPackages()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Fixtures.Files("rpms/cavaliergopher-rpm/testdata", "centos-release-*.rpm"))
        {
            data.Add(Relative(file), "centos");
        }

        foreach (var name in new[] { "hello-2.0-1.x86_64-signed.rpm", "hello-2.0-1.x86_64-v3-signed.rpm", "hello-2.0-1.x86_64-signed-with-subkey.rpm",
                     "hello-2.0-1.x86_64-signed-with-new-subkey.rpm", "hlinktest-1.0-1.noarch-v3sig.rpm" })
        {
            data.Add($"rpms/rpm/tests/data/RPMS/{name}", "rpm");
        }

        foreach (var file in Fixtures.Files("rpms/rpm-rs/tests/assets/RPMS/v4/signed", "*.rpm").Where(f => !f.Contains("-ima-", StringComparison.Ordinal)))
        {
            data.Add(Relative(file), "rpm-rs-v4");
        }

        return data;
    }

    public static IReadOnlyList<string> Keys(string set) => set switch
    {
        "centos" => CentOsKeys,
        "rpm" => RpmTestKeys,
        "rpm-rs-v4" => RpmRsV4Keys,
        "rpm-rs-v6" => RpmRsV6Keys,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, null),
    };

    public static string Relative(string full) => Path.GetRelativePath(Fixtures.DataRoot, full);
}
