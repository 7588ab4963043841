using System.Net;
using System.Net.Http.Json;
using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Integrity;
using Arena.Ratings.Ledger;
using Arena.Web.Tests.Hosting;
using Arena.Web.Tests.Ledger;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Api;

/// <summary>Client addresses reach the ledger; operators list and clear the quarantine with the admin key.</summary>
public sealed class IntegrityEndpointTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02, LedgerApi.AdminSettings());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartBattle_FromAClientAddress_LedgerRowCarriesTheAddressHash()
    {
        var address = IPAddress.Parse("203.0.113.42");
        // The network below the host: TestServer lets the request carry the address a socket would give it.
        using var http = new HttpClient(new CookieContainerHandler { InnerHandler = _host.Factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = address) })
        {
            BaseAddress = _host.Factory.Server.BaseAddress,
        };
        var api = new ArenaApi(http);
        var (battle, _) = await api.StartBattleAsync("Explain tides to a child.");
        await api.WaitUntilFinishedAsync(battle);

        await api.VoteAsync(battle.BattleId, "a");

        var id = Guid.Parse(battle.BattleId);
        var row = (await _host.Factory.Services.GetRequiredService<IVoteLedger>().FindAsync([id]))[id];
        Assert.Equal(VoterHashes.Client(address, null), row.Vote.ClientHash);
        Assert.NotEqual("", row.Vote.ClientHash);
        Assert.Equal(VoterHashes.Prompt("Explain tides to a child."), row.Vote.PromptHash);
    }

    [Fact]
    public async Task Quarantine_ListedThenCleared_ShowsTheReasonAndRestoresTheVotes()
    {
        var session = "web-" + Guid.NewGuid().ToString("N")[..12];
        var leaderboard = _host.Factory.Services.GetRequiredService<IClusterClient>().GetGrain<ILeaderboardGrain>(0);
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 31; i++)
        {
            await leaderboard.RecordVoteAsync(new VoteRecord(
                Guid.NewGuid(), "sim-x", "sim-y", i % 2 == 0 ? BattleOutcome.A : BattleOutcome.B, "general", start.AddSeconds(i), BattleMode.Anonymous, session));
        }

        var http = _host.Factory.CreateClient();
        var listed = await GetQuarantineAsync(http);
        var voter = Assert.Single(listed.Voters, v => v.Voter == "session:" + session);
        Assert.Equal("session", voter.Kind);
        Assert.True(voter.Active);
        Assert.StartsWith("a burst of 31 votes", voter.Reason, StringComparison.Ordinal);
        Assert.Equal(31, voter.Votes);
        Assert.Equal(31, voter.Battles.Count);
        Assert.Equal(0, Votes(await LedgerApi.LeaderboardAsync(http)));

        using var cleared = await Admin(http, HttpMethod.Post, "/api/admin/integrity/quarantine/clear", $$"""{"voter": "session:{{session}}"}""");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var body = await cleared.Content.ReadFromJsonAsync<ClearedView>(LedgerApi.Json);
        Assert.Equal(31, body!.RestoredVotes);
        Assert.Equal(31, Votes(await LedgerApi.LeaderboardAsync(http)));
        Assert.False(Assert.Single((await GetQuarantineAsync(http)).Voters, v => v.Voter == "session:" + session).Active);

        var again = await ArenaApi.ExpectProblemAsync(Admin(http, HttpMethod.Post, "/api/admin/integrity/quarantine/clear", $$"""{"voter": "session:{{session}}"}"""), HttpStatusCode.NotFound);
        Assert.Contains("no active quarantine", again.Detail, StringComparison.Ordinal);
        var missing = await ArenaApi.ExpectProblemAsync(Admin(http, HttpMethod.Post, "/api/admin/integrity/quarantine/clear", "{}"), HttpStatusCode.BadRequest);
        Assert.Contains("Name the voter", missing.Detail, StringComparison.Ordinal);
        var bad = await ArenaApi.ExpectProblemAsync(Admin(http, HttpMethod.Post, "/api/admin/integrity/quarantine/clear", """{"voter": "someone"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("is not a voter", bad.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_WithoutTheAdminKey_Unauthorized()
    {
        var http = _host.Factory.CreateClient();

        var problem = await ArenaApi.ExpectProblemAsync(http.GetAsync("/api/admin/integrity/quarantine"), HttpStatusCode.Unauthorized);
        await ArenaApi.ExpectProblemAsync(http.PostAsync("/api/admin/integrity/quarantine/clear", JsonContent.Create(new { voter = "session:x" })), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Admin-Key", problem.Detail, StringComparison.Ordinal);
    }

    private sealed record VoterView(string Voter, string Kind, string Reason, DateTimeOffset FlaggedAt, DateTimeOffset? ClearedAt, bool Active, long Votes, IReadOnlyList<Guid> Battles);

    private sealed record QuarantineView(long QuarantinedVotes, IReadOnlyList<VoterView> Voters);

    private sealed record ClearedView(string Voter, long RestoredVotes, long QuarantinedVotes);

    private static int Votes(LeaderboardView board) => board.Models.Where(m => m.Model is "sim-x" or "sim-y").Sum(m => m.Votes) / 2;

    private static async Task<QuarantineView> GetQuarantineAsync(HttpClient http)
    {
        using var response = await Admin(http, HttpMethod.Get, "/api/admin/integrity/quarantine", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"quarantined_votes\"", body, StringComparison.Ordinal); // snake_case
        return ArenaApi.Parse<QuarantineView>(body);
    }

    private static Task<HttpResponseMessage> Admin(HttpClient http, HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Admin-Key", LedgerApi.AdminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }
}
