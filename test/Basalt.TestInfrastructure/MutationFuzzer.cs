using System.Globalization;

namespace Basalt.TestInfrastructure;

/// <summary>
/// Seeded mutation fuzzing of valid inputs: a reader handed a mutated copy may only throw <see cref="InvalidDataException"/>.
/// BASALT_FUZZ_ITERATIONS raises the iteration count (CI runs each target briefly, longer on demand) and
/// BASALT_FUZZ_SEED replays a reported run; each fuzz test keeps its own defaults.
/// </summary>
public static class MutationFuzzer
{
    /// <summary>BASALT_FUZZ_ITERATIONS when it is a positive integer, otherwise <paramref name="defaultCount"/>.</summary>
    public static int Iterations(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("BASALT_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : defaultCount;

    /// <summary>BASALT_FUZZ_SEED when it is an integer, otherwise <paramref name="defaultSeed"/>.</summary>
    public static int Seed(int defaultSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("BASALT_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : defaultSeed;

    /// <summary>
    /// Runs <paramref name="reader"/> over mutated copies of <paramref name="valid"/>: each iteration flips, overwrites or
    /// zeroes one to four bytes inside <paramref name="hotRanges"/> (where the format's structure lives) and sometimes truncates.
    /// </summary>
    public static void Run(byte[] valid, IReadOnlyList<(int Start, int Length)> hotRanges, Action<byte[]> reader, int defaultIterations = 300, int defaultSeed = 4)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(hotRanges);
        ArgumentNullException.ThrowIfNull(reader);
        var seed = Seed(defaultSeed);
        var random = new Random(seed);
        var iterations = Iterations(defaultIterations);
        for (var i = 0; i < iterations; i++)
        {
            var copy = Mutate(valid, hotRanges, random);
            try
            {
                reader(copy);
            }
            catch (InvalidDataException)
            {
                // The only acceptable failure.
            }
            catch (Exception exception)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
            }
        }
    }

    private static byte[] Mutate(byte[] valid, IReadOnlyList<(int Start, int Length)> hotRanges, Random random)
    {
        var copy = (byte[])valid.Clone();
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            var (start, length) = hotRanges[random.Next(hotRanges.Count)];
            var at = start + random.Next(length);
            copy[at] = random.Next(4) switch
            {
                0 => (byte)(copy[at] ^ (1 << random.Next(8))),
                1 => 0xFF,
                2 => 0,
                _ => (byte)random.Next(256),
            };
        }

        if (random.Next(8) == 0)
        {
            copy = copy[..random.Next(copy.Length)];
        }

        return copy;
    }
}
