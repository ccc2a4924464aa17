using System.Buffers.Binary;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;
using Basalt.Rpm.Query;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Fuzz;

/// <summary>
/// Fuzz target for the header parser, the typed view and query rendering: seeded mutations of real headers (bit
/// flips, byte stores, truncation, hostile index counts/offsets/types) must either work or fail with
/// <see cref="InvalidDataException"/>; any other exception is a bug. Runs 3,000 iterations by default;
/// BASALT_FUZZ_ITERATIONS raises it (and BASALT_FUZZ_SEED replays a run).
/// </summary>
public sealed class HeaderFuzzTests
{
    private static readonly string[] Seeds =
    [
        "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-scriptlets-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-hardlinks-1.0-1.noarch.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-5-0.0.el5.centos.2.x86_64.rpm",
        "rpms/createrepo_c/tests/testdata/packages/Archer-3.4.5-6.x86_64.rpm",
    ];

    private static readonly RpmQueryFormatter[] Formats =
    [
        RpmQueryFormatter.Compile("%{NEVRA} %{SUMMARY} %{BUILDTIME:date} %{SIZE:humansi} %{LONGSIZE}\n"),
        RpmQueryFormatter.Compile("[%{FILENAMES} %{FILEMODES:perms} %{FILESIZES} %{FILEDIGESTS} %{FILEFLAGS:fflags} %{FILENLINKS} %{FILECLASS}\n]"),
        RpmQueryFormatter.Compile("[%{REQUIRENEVRS}\n][%{PROVIDENAME} %{PROVIDEFLAGS:depflags} %{PROVIDEVERSION}\n][%{TRIGGERCONDS} %{TRIGGERTYPE}\n][%{FILEREQUIRE}\n]"),
        RpmQueryFormatter.Compile("[%{*:xml}\n]"),
    ];

    [Fact]
    public void Parse_MutatedRealHeaders_OnlyInvalidDataEscapes()
    {
        var iterations = MutationFuzzer.Iterations(3000);
        var seed = MutationFuzzer.Seed(20261125);
        var originals = Seeds.Select(p => RpmPackageHeaders.Read(Fixtures.Path(p)).Header.Bytes.ToArray()).ToArray();
        var random = new Random(seed);
        var parsed = 0;
        for (var i = 0; i < iterations; i++)
        {
            var original = originals[i % originals.Length];
            var mutated = Mutate(original, random);
            try
            {
                var header = RpmHeader.Parse(mutated, "fuzz header");
                parsed++;
                Exercise(header);
            }
            catch (InvalidDataException)
            {
                // The documented failure for corrupt input.
            }
            catch (Exception exception)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) escaped with {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
            }
        }

        // Enough mutations keep the header parseable that the view and the renderer are really exercised.
        Assert.True(parsed > iterations / 5, $"only {parsed} of {iterations} mutated headers parsed");
    }

    private static void Exercise(RpmHeader header)
    {
        try
        {
            var info = RpmPackageInfo.FromHeader(header);
            _ = info.HardLinkGroups;
            _ = info.Nevra.ToString();
        }
        catch (InvalidDataException)
        {
        }

        foreach (var format in Formats)
        {
            try
            {
                format.Render(header);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var indexCount = Math.Min(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), (bytes.Length - 16) / 16);
        var mutations = random.Next(1, 3);
        for (var m = 0; m < mutations; m++)
        {
            var dataStart = Math.Min(bytes.Length - 1, 16 + (16 * indexCount));
            switch (random.Next(10))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case <= 3:
                    // Values in the data store: strings lose their NULs, numbers change, counts stop matching.
                    bytes[random.Next(dataStart, bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 4:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 5:
                    bytes = bytes[..random.Next(16, bytes.Length)];
                    indexCount = Math.Min(indexCount, (bytes.Length - 16) / 16);
                    break;
                case >= 6 when indexCount > 0:
                    // A hostile field of a random index record: type (4), offset (8) or count (12).
                    var record = 16 + (16 * random.Next(indexCount));
                    var field = record + (4 * random.Next(1, 4));
                    if (field + 4 > bytes.Length)
                    {
                        break;
                    }

                    uint value = random.Next(4) switch
                    {
                        0 => (uint)random.Next(0, 10),
                        1 => (uint)random.Next(),
                        2 => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(field)) + (uint)random.Next(-3, 4),
                        _ => uint.MaxValue - (uint)random.Next(16),
                    };
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(field), value);
                    break;
            }
        }

        return bytes;
    }
}
