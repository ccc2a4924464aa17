using System.Globalization;

namespace Basalt.Imaging.Tests.Disk;

/// <summary>
/// Seeded mutation of valid inputs: each iteration flips, overwrites or truncates a copy and hands it to a
/// reader, which may only throw <see cref="InvalidDataException"/>. BASALT_FUZZ_ITERATIONS raises the count.
/// </summary>
internal static class Fuzz
{
    public static int Iterations(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("BASALT_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : defaultCount;

    /// <summary>Runs <paramref name="reader"/> over mutated copies; <paramref name="hotRanges"/> are where mutations land.</summary>
    public static void Run(byte[] valid, IReadOnlyList<(int Start, int Length)> hotRanges, Action<byte[]> reader, int defaultIterations = 300, int seed = 4)
    {
        var random = new Random(seed);
        var iterations = Iterations(defaultIterations);
        for (var i = 0; i < iterations; i++)
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
}
