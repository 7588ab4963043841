using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary>
/// <c>POST /api/admin/leaderboard/rebuild</c>: every rating rebuilt from the stored ledger with the settings of now.
/// The LLMFAO battles are imported under the default Elo (K = 32, 1500); Arena restarts with K = 4 and 1000, and the
/// rebuild gives evalica's published Elo for those settings.
/// </summary>
public sealed class LeaderboardRebuildTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02, LedgerApi.AdminSettings());

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Rebuild_AfterTheEloSettingsChanged_GivesTheRatingsOfTheNewSettingsTo1e9()
    {
        var imported = await LedgerApi.ImportAsync(_host.Factory.CreateClient(), LlmfaoImportConformanceTests.JsonLines(), "application/jsonl");
        await _host.StopAsync();
        await _host.StartAsync(new Dictionary<string, string> { ["Arena:Ratings:Elo:K"] = "4", ["Arena:Ratings:Elo:InitialRating"] = "1000" });
        var http = _host.Factory.CreateClient();
        var golden = LlmfaoImportConformanceTests.GoldenElo();
        var before = await LedgerApi.LeaderboardAsync(http);
        Assert.Contains(before.Models, m => Math.Abs(golden[m.Model] - m.Rating) > 1); // the checkpoint still holds K = 32's ratings

        using var response = await PostRebuildAsync(http, LedgerApi.AdminKey);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The rebuild answered {(int)response.StatusCode}: {text}");
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal(8931, report.GetProperty("ledger_rows").GetInt64());
        Assert.Equal(8931, report.GetProperty("rated_votes").GetInt64());
        Assert.Equal(0, report.GetProperty("quarantined_votes").GetInt64());
        Assert.Equal(imported.LastSeq, report.GetProperty("last_seq").GetInt64());
        var after = await LedgerApi.LeaderboardAsync(http);
        EloReplay.AssertMatches(golden, after);
        using var board = JsonDocument.Parse(await http.GetStringAsync("/api/leaderboard"));
        Assert.Equal(8931, board.RootElement.GetProperty("computed_from_votes").GetInt64()); // Bradley–Terry recomputed with it
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Rebuild_WithoutTheAdminKey_Is401AndChangesNothing(string? key)
    {
        var http = _host.Factory.CreateClient();
        await LedgerApi.ImportAsync(http, """{"model_a": "x", "model_b": "y", "winner": "model_a"}""" + "\n", "application/jsonl");
        var before = await LedgerApi.LeaderboardAsync(http);

        using var response = await PostRebuildAsync(http, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Admin-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.Models.Select(m => (m.Model, m.Rating)), (await LedgerApi.LeaderboardAsync(http)).Models.Select(m => (m.Model, m.Rating)));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<HttpResponseMessage> PostRebuildAsync(HttpClient http, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/leaderboard/rebuild");
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        return http.SendAsync(request);
    }
}
