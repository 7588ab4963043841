using System.Globalization;
using System.Text;
using System.Text.Json;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary>
/// End to end: the LLMFAO crowd comparisons (8,931 battles of 59 models), converted to the arena format and
/// imported through the API into an Arena configured with Elo K = 4 and initial rating 1000, give the
/// leaderboard evalica's published Elo scores.
/// </summary>
public sealed class LlmfaoImportConformanceTests : IAsyncLifetime
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Ledger", "Conformance");

    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string>(LedgerApi.AdminSettings())
    {
        ["Arena:Ratings:Elo:K"] = "4",
        ["Arena:Ratings:Elo:InitialRating"] = "1000",
    });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Import_LlmfaoThroughApi_LeaderboardMatchesEvalicaEloTo1e9()
    {
        var http = _host.Factory.CreateClient();
        var result = await LedgerApi.ImportAsync(http, JsonLines(), "application/jsonl");

        Assert.Equal((8931L, 0L), (result.Imported, result.SkippedDuplicates));
        EloReplay.AssertMatches(GoldenElo(), await LedgerApi.LeaderboardAsync(http));
    }

    /// <summary>The LLMFAO comparisons as an import file (JSON lines), in file order.</summary>
    internal static string JsonLines()
    {
        var file = new StringBuilder();
        foreach (var row in ReadCsv("llmfao.csv"))
        {
            var winner = row["winner"] switch
            {
                "left" => "model_a",
                "right" => "model_b",
                "tie" => "tie",
                var other => throw new InvalidDataException($"Unknown winner '{other}'."),
            };
            file.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["model_a"] = row["left"], ["model_b"] = row["right"], ["winner"] = winner }))
                .Append('\n');
        }

        return file.ToString();
    }

    /// <summary>Evalica's published online Elo (K = 4, initial 1000, file order) of the 59 models.</summary>
    internal static Dictionary<string, double> GoldenElo()
    {
        var golden = ReadCsv("llmfao-golden.csv").Where(r => r["algorithm"] == "elo")
            .ToDictionary(r => r["item"], r => double.Parse(r["score"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(59, golden.Count);
        return golden;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The conformance files are simple CSV: no field holds a comma or a quote.</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(DataDirectory, name));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            Assert.Equal(header.Length, fields.Length);
            return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        });
    }
}
