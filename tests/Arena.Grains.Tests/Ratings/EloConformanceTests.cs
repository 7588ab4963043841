using System.Globalization;
using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// Online Elo on the LLMFAO crowd comparisons (8,931 battles of 59 models) must reproduce evalica's
/// published scores (K = 4, initial 1000, base 10, scale 400, ties as half a win, file order).
/// </summary>
public sealed class EloConformanceTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Ratings", "Conformance");

    [Fact]
    public void Update_LlmfaoInFileOrder_MatchesEvalicaGoldenTo1e9()
    {
        var options = new EloOptions { K = 4, InitialRating = 1000 };
        var ratings = new Dictionary<string, double>(StringComparer.Ordinal);
        var battles = 0;
        foreach (var row in ReadCsv("llmfao.csv"))
        {
            var (left, right) = (row["left"], row["right"]);
            var outcome = row["winner"] switch
            {
                "left" => BattleOutcome.A,
                "right" => BattleOutcome.B,
                "tie" => BattleOutcome.Tie,
                var other => throw new InvalidDataException($"Unknown winner '{other}'."),
            };
            var (a, b) = Elo.Update(
                ratings.GetValueOrDefault(left, options.InitialRating),
                ratings.GetValueOrDefault(right, options.InitialRating),
                Elo.ScoreOfA(outcome, options),
                options);
            ratings[left] = a;
            ratings[right] = b;
            battles++;
        }

        var golden = ReadCsv("llmfao-golden.csv").Where(r => r["algorithm"] == "elo")
            .ToDictionary(r => r["item"], r => double.Parse(r["score"], CultureInfo.InvariantCulture));
        Assert.Equal(8931, battles);
        Assert.Equal(59, golden.Count);
        Assert.Equal(golden.Keys.Order(), ratings.Keys.Order());
        foreach (var (model, expected) in golden)
        {
            Assert.True(Math.Abs(expected - ratings[model]) <= 1e-9, $"{model}: expected {expected}, got {ratings[model]}");
        }
    }

    /// <summary>Reads a simple CSV whose fields hold no commas inside quotes (true of both files).</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string name)
    {
        using var reader = new StreamReader(Path.Combine(DataDirectory, name));
        var header = reader.ReadLine()!.Split(',');
        while (reader.ReadLine() is { } line)
        {
            var fields = SplitCsv(line);
            Assert.Equal(header.Length, fields.Count);
            yield return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static List<string> SplitCsv(string line)
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
        return fields;
    }
}
