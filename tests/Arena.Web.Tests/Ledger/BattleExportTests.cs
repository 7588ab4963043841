using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary><c>GET /api/battles/export</c> after real battles and votes.</summary>
public sealed class BattleExportTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Export_AfterVotes_HasThemInLedgerOrderInBothFormats()
    {
        var votes = new List<(string BattleId, RevealView Reveal, string Winner)>();
        foreach (var (vote, winner) in new[] { ("b", "model_b"), ("a", "model_a"), ("tie", "tie"), ("both_bad", "tie (bothbad)") })
        {
            var api = new ArenaApi(_host.Factory.CreateSessionClient());
            var (started, _) = await api.StartBattleAsync("Name a prime number.");
            await api.WaitUntilFinishedAsync(started);
            var (reveal, _) = await api.VoteAsync(started.BattleId, vote);
            votes.Add((started.BattleId, reveal, winner));
        }

        var http = _host.Factory.CreateOperatorClient();
        var (jsonl, jsonlType) = await LedgerApi.ExportAsync(http);
        var (csv, csvType) = await LedgerApi.ExportAsync(http, "?format=csv");
        var (accepted, acceptedType) = await LedgerApi.ExportAsync(http, accept: "text/csv");

        Assert.Equal(("application/x-ndjson", "text/csv", "text/csv"), (jsonlType, csvType, acceptedType));
        Assert.Equal(csv, accepted);
        var fromJson = LedgerApi.ParseJsonl(jsonl);
        var fromCsv = LedgerApi.ParseCsv(csv).Select(LedgerApi.ToBattle).ToList();
        var expected = votes.Select(v => (v.BattleId, v.Reveal.A.Model, v.Reveal.B.Model, v.Winner)).ToList();
        Assert.Equal(expected, fromJson.Select(r => (r.BattleId, r.ModelA, r.ModelB, r.Winner)));
        Assert.Equal(fromJson, fromCsv);
        // POST /api/battles files each battle under the router's category for its prompt.
        Assert.All(fromJson, r => Assert.Equal((true, "math", true, null, "vote"), (r.Anony, r.Category, r.Counted, r.ExcludedReason, r.Source)));
        Assert.All(fromJson, r => Assert.True(r.Tstamp > 0));
        Assert.Equal(fromJson.Select(r => r.Tstamp).Order(), fromJson.Select(r => r.Tstamp));
        Assert.DoesNotContain("session", jsonl, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(LedgerApi.ParseJsonl((await LedgerApi.ExportAsync(http, "?category=no-such-category")).Body));
        Assert.Equal(4, LedgerApi.ParseJsonl((await LedgerApi.ExportAsync(http, "?category=math")).Body).Count);
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400()
    {
        var problem = await ArenaApi.ExpectProblemAsync(_host.Factory.CreateOperatorClient().GetAsync("/api/battles/export?format=xml"), HttpStatusCode.BadRequest);

        Assert.Contains("jsonl or csv", problem.Detail, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
