using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Arena.Web.Tests.Api;

/// <summary>The Arena HTTP API as one session (one cookie jar) sees it. Every call keeps its raw body too.</summary>
public sealed class ArenaApi(HttpClient http)
{
    /// <summary>How long a battle on the fast simulator may take before a test gives up on it.</summary>
    public static readonly TimeSpan BattleDeadline = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public HttpClient Http { get; } = http;

    public static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"Expected a {typeof(T).Name}, got: {json}");

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Starts a battle and returns it with the raw response body.</summary>
    public async Task<(StartedBattle Battle, string Body)> StartBattleAsync(string prompt)
    {
        using var response = await Http.PostAsJsonAsync("/api/battles", new { prompt });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Starting a battle answered {(int)response.StatusCode}: {body}");
        return (Parse<StartedBattle>(body), body);
    }

    public async Task<(BattleView Battle, string Body)> GetBattleAsync(string battleId)
    {
        var body = await GetOkAsync($"/api/battles/{battleId}");
        return (Parse<BattleView>(body), body);
    }

    public async Task<(RevealView Reveal, string Body)> VoteAsync(string battleId, string winner)
    {
        using var response = await Http.PostAsJsonAsync($"/api/battles/{battleId}/vote", new { winner });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The vote answered {(int)response.StatusCode}: {body}");
        return (Parse<RevealView>(body), body);
    }

    public async Task<(LeaderboardView Leaderboard, string Body)> GetLeaderboardAsync()
    {
        var body = await GetOkAsync("/api/leaderboard");
        return (Parse<LeaderboardView>(body), body);
    }

    public async Task<ModelsView> GetModelsAsync() => Parse<ModelsView>(await GetOkAsync("/api/models"));

    public async Task<HistoryView> GetHistoryAsync() => Parse<HistoryView>(await GetOkAsync("/api/sessions/me/battles"));

    /// <summary>Reads a battle's whole event stream, until the server ends it (after battle_done).</summary>
    public async Task<List<BattleSseEvent>> ReadEventsAsync(string eventsPath)
    {
        using var deadline = new CancellationTokenSource(BattleDeadline);
        var events = new List<BattleSseEvent>();
        await foreach (var e in StreamEventsAsync(eventsPath, deadline.Token))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>A battle's events as they arrive; stopping the enumeration closes the stream.</summary>
    public async IAsyncEnumerable<BattleSseEvent> StreamEventsAsync(string eventsPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(eventsPath, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(stream, (_, data) => Encoding.UTF8.GetString(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            yield return new BattleSseEvent(item.EventType, item.Data);
        }
    }

    /// <summary>Waits for a battle to finish: its event stream ends after battle_done.</summary>
    public async Task<BattleView> WaitUntilFinishedAsync(StartedBattle battle)
    {
        var events = await ReadEventsAsync(battle.Events);
        Assert.Equal("battle_done", events[^1].Type);
        return (await GetBattleAsync(battle.BattleId)).Battle;
    }

    /// <summary>Sends a request that must be refused, and returns its ProblemDetails.</summary>
    public static async Task<ProblemView> ExpectProblemAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Parse<ProblemView>(body);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), $"The problem has no detail: {body}");
        return problem;
    }

    private async Task<string> GetOkAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
