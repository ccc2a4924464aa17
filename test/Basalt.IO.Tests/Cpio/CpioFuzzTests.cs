using Basalt.IO.Cpio;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests.Cpio;

/// <summary>
/// Fuzz target for the cpio reader and extractor: seeded mutations of real archives. Only
/// <see cref="InvalidDataException"/> may escape, and nothing may appear outside the extraction root.
/// BASALT_FUZZ_ITERATIONS raises the iteration count (default 2,000); BASALT_FUZZ_SEED changes the seed.
/// </summary>
public sealed class CpioFuzzTests
{
    private const int DefaultIterations = 2000;

    [Fact]
    public async Task ReadAndExtract_MutatedArchives_OnlyInvalidDataEscapes()
    {
        var seeds = new List<byte[]>
        {
            File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/foo.cpio")),
            File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/dotdot.cpio")),
            File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/stripped.cpio")),
            CpioFixtures.RawPayload("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-hardlinks-1.0-1.noarch.rpm"),
            CpioFixtures.Rpm2Cpio("rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm"),
            CpioFixtures.Rpm2Cpio("rpms/rpm-rs/historical@2aa5d15/test_assets/rpm-sign-4.15.1-1.fc31.x86_64.rpm"),
            CpioTestArchives.Sample(),
        };
        var iterations = MutationFuzzer.Iterations(DefaultIterations);
        var seed = MutationFuzzer.Seed(20261125);
        var random = new Random(seed);
        var options = new CpioExtractOptions
        {
            CreateSpecialFiles = false, // never mknod whatever a mutation invents
            Reader = new CpioReaderOptions { StrippedFileSize = i => i % 7 },
        };

        using var parent = new TempDirectory("basalt-fuzz");
        var rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            var root = Path.Combine(parent.FullPath, "root");
            try
            {
                if (i % 2 == 0)
                {
                    ReadEverything(input, options.Reader);
                }
                else
                {
                    await ReadEverythingAsync(input, options.Reader);
                }

                CpioExtractor.Extract(new MemoryStream(input), root, options);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i} (seed {seed}): {ex.GetType().Name} escaped: {ex}\nInput (base64): {Convert.ToBase64String(input)}");
            }

            var outside = Directory.GetFileSystemEntries(parent.FullPath).Where(e => e != root).ToArray();
            Assert.True(outside.Length == 0, $"Iteration {i} wrote outside the root: {string.Join(", ", outside)}");
            Remove(root);
        }

        Assert.InRange(rejected, 1, iterations); // the mutations must actually reach the error paths
    }

    private static void ReadEverything(byte[] input, CpioReaderOptions options)
    {
        using var reader = new CpioNewcReader(new MemoryStream(input), options);
        var buffer = new byte[4096];
        while (reader.GetNextEntry() is not null)
        {
            while (reader.DataStream.Read(buffer) > 0)
            {
            }
        }
    }

    private static async ValueTask ReadEverythingAsync(byte[] input, CpioReaderOptions options)
    {
        using var reader = new CpioNewcReader(new MemoryStream(input), options);
        var buffer = new byte[4096];
        var entries = 0;
        while (await reader.GetNextEntryAsync() is not null)
        {
            // Read every other entry's data; the next call skips the rest.
            if (entries++ % 2 == 0)
            {
                while (await reader.DataStream.ReadAsync(buffer) > 0)
                {
                }
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0: // flip a bit
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // a hex digit or a character that matters to paths
                    data[at] = "0123456789abcdefABCDEF/.\0X7"u8[random.Next(27)];
                    break;
                case 2: // truncate
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3: // delete a run
                    data.RemoveRange(at, Math.Min(random.Next(1, 16), data.Count - at));
                    break;
                case 4: // duplicate a run (repeats headers and names)
                    var length = Math.Min(random.Next(1, 200), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                default: // splice in "../" or "/" into a name-like region
                    data.InsertRange(at, random.Next(2) == 0 ? "../"u8.ToArray() : "/"u8.ToArray());
                    break;
            }
        }

        return [.. data];
    }

    private static void Remove(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        OpenUp(root);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Mutated modes can make directories unreadable to a non-root user: open each one before listing it.</summary>
    private static void OpenUp(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var child in Directory.EnumerateDirectories(directory, "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            OpenUp(child);
        }
    }
}
