using System.Globalization;

namespace Basalt.Packaging.Tests;

/// <summary>Compares <see cref="Evr.Compare"/> and <see cref="RpmVersion.Compare(string, string)"/> with python3-rpm.</summary>
public sealed class EvrDifferentialTests
{
    private const int Seed = 20261125;
    private const int PairCount = 120_000;

    [Fact]
    public void Compare_GeneratedEvrPairs_MatchesPythonLabelCompare()
    {
        var generator = new VersionStrings(Seed);
        var pairs = new List<(Evr A, Evr B)>(PairCount);
        for (int i = 0; i < PairCount; i++)
        {
            // A third are bare version comparisons (rpmvercmp itself); the rest full EVRs, often near each other.
            // python's labelCompare rejects an empty version ("invalid version"); vercmp.json covers "" instead.
            (Evr A, Evr B) pair;
            do
            {
                if (i % 3 == 0)
                {
                    string a = generator.Next();
                    pair = (new Evr(null, a, null), new Evr(null, generator.NextNear(a), null));
                }
                else
                {
                    var a = generator.NextEvr();
                    pair = (a, generator.NextEvr(a));
                }
            }
            while (pair.A.Version.Length == 0 || pair.B.Version.Length == 0);

            pairs.Add(pair);
        }

        var lines = pairs.ConvertAll(p => string.Join('\t',
            PythonRpm.Field(p.A.Epoch?.ToString(CultureInfo.InvariantCulture)), PythonRpm.Field(p.A.Version), PythonRpm.Field(p.A.Release),
            PythonRpm.Field(p.B.Epoch?.ToString(CultureInfo.InvariantCulture)), PythonRpm.Field(p.B.Version), PythonRpm.Field(p.B.Release)));
        var expected = PythonRpm.Run(PythonRpm.LabelCompareScript, lines);

        var failures = new List<string>();
        int nonZero = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            int want = int.Parse(expected[i], CultureInfo.InvariantCulture);
            int got = Evr.Compare(pairs[i].A, pairs[i].B);
            nonZero += want != 0 ? 1 : 0;
            if (got != want && failures.Count < 20)
            {
                failures.Add($"{Show(pairs[i].A)} vs {Show(pairs[i].B)}: rpm {want}, ours {got}");
            }
        }

        Assert.Empty(failures);
        // The generator must produce both outcomes in quantity, or the test proves little.
        Assert.InRange(nonZero, PairCount / 4, PairCount - (PairCount / 50));
    }

    private static string Show(Evr e) => $"({e.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "None"}, \"{e.Version}\", {(e.Release is null ? "None" : "\"" + e.Release + "\"")})";
}
