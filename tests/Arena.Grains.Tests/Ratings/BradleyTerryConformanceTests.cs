using System.Globalization;
using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// Bradley–Terry on the LLMFAO crowd comparisons (8,931 votes of 59 models, ties as half a win) must
/// reproduce evalica's published strengths p/Σp to a relative 1e-6.
/// </summary>
public sealed class BradleyTerryConformanceTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Ratings", "Conformance");

    [Fact]
    public void Fit_Llmfao_MatchesEvalicaGoldenStrengthsTo1e6Relative()
    {
        var counts = new PairwiseCounts();
        foreach (var row in ReadCsv("llmfao.csv"))
        {
            counts.Add(row[6], row[7], row[5] switch
            {
                "left" => BattleOutcome.A,
                "right" => BattleOutcome.B,
                "tie" => BattleOutcome.Tie,
                var other => throw new InvalidDataException($"Unknown winner '{other}'."),
            });
        }

        var fit = BradleyTerry.Fit(counts);

        var golden = ReadCsv("llmfao-golden.csv").Where(r => r[0] == "bradley_terry")
            .ToDictionary(r => r[1], r => double.Parse(r[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(8931, counts.TotalVotes);
        Assert.Equal(59, golden.Count);
        Assert.Equal(golden.Keys.Order(StringComparer.Ordinal), counts.Models.Order(StringComparer.Ordinal));
        Assert.True(fit.Converged);
        Assert.False(fit.Regularized);
        Assert.Equal(1, fit.Components);
        var worst = 0.0;
        foreach (var (model, expected) in golden)
        {
            var actual = fit.Strengths[counts.IndexOf(model)];
            var relative = Math.Abs(actual - expected) / expected;
            worst = Math.Max(worst, relative);
            Assert.True(relative <= 1e-6, $"{model}: expected {expected}, got {actual} (relative error {relative:E2})");
        }

        Console.WriteLine($"LLMFAO Bradley–Terry: {fit.Iterations} MM steps, max relative error {worst:E3}");
    }

    /// <summary>Reads a CSV whose fields hold no quoted commas that matter for the columns read here.</summary>
    private static IEnumerable<string[]> ReadCsv(string name)
    {
        using var reader = new StreamReader(Path.Combine(DataDirectory, name));
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            yield return SplitCsv(line);
        }
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
