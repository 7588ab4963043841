using System.Globalization;
using System.Text;
using Arena.Battles;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// The LLMFAO conformance data (8,931 crowd comparisons of 59 models, in file order) and evalica's
/// published scores for it, as shipped beside the tests.
/// </summary>
public static class ConformanceData
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Ratings", "Conformance");

    /// <summary>The comparisons in file order: left model as A, right as B.</summary>
    public static IEnumerable<(string A, string B, BattleOutcome Outcome)> Battles() =>
        Rows("llmfao.csv").Select(r => (r["left"], r["right"], r["winner"] switch
        {
            "left" => BattleOutcome.A,
            "right" => BattleOutcome.B,
            "tie" => BattleOutcome.Tie,
            var other => throw new InvalidDataException($"Unknown winner '{other}'."),
        }));

    /// <summary>evalica's score per model for one algorithm (e.g. <c>elo</c>, <c>bradley_terry</c>).</summary>
    public static Dictionary<string, double> Golden(string algorithm) =>
        Rows("llmfao-golden.csv").Where(r => r["algorithm"] == algorithm)
            .ToDictionary(r => r["item"], r => double.Parse(r["score"], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static IEnumerable<Dictionary<string, string>> Rows(string name)
    {
        using var reader = new StreamReader(Path.Combine(Directory, name));
        var header = Split(reader.ReadLine()!);
        while (reader.ReadLine() is { } line)
        {
            var fields = Split(line);
            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"{name}: a row has {fields.Count} fields, the header {header.Count}.");
            }

            yield return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting; no line breaks inside fields in these files).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
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
