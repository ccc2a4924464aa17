using Basalt.TestInfrastructure;

namespace Basalt.Compression.Tests;

/// <summary>
/// Fuzz target for every decoder: seeded mutations of real rpm payloads. Only <see cref="InvalidDataException"/>
/// may escape (decoder-specific exceptions must be translated). BASALT_FUZZ_ITERATIONS raises the count (default 600); BASALT_FUZZ_SEED replays a run.
/// </summary>
public sealed class DecompressionFuzzTests
{
    [Fact]
    public void Open_MutatedPayloads_OnlyInvalidDataEscapes()
    {
        var seeds = DecompressionTests.PayloadPackages()
            .Select(row => RpmPayload.RawPayload(Fixtures.Path("rpms/go-rpmutils/testdata/" + row.Data)))
            .ToList();
        var iterations = MutationFuzzer.Iterations(600);
        var seed = MutationFuzzer.Seed(20261125);
        var random = new Random(seed);
        var limits = DecompressionLimits.Default with { MaxOutputBytes = 16 << 20 };
        var rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var index = random.Next(seeds.Count);
            var input = (byte[])seeds[index].Clone();
            var format = CompressionDetector.Detect(input);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(input.Length);
                if (random.Next(4) == 0)
                {
                    input = input[..at];
                    if (input.Length == 0)
                    {
                        break;
                    }
                }
                else
                {
                    input[at] ^= (byte)(1 << random.Next(8));
                }
            }

            try
            {
                using var stream = Decompression.Open(new MemoryStream(input), format, limits);
                stream.CopyTo(Stream.Null);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i} (seed {seed}, {format}): {ex.GetType().Name} escaped: {ex}");
            }
        }

        Assert.InRange(rejected, 1, iterations);
    }
}
