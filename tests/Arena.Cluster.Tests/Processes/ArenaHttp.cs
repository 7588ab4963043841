using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Arena.Web's HTTP API as one browser session (one cookie jar) uses it. Clients given one <paramref name="cookies"/> jar
/// are one browser: cookies are kept per host, not per port, so web silos on one address see the same cookie, as behind a proxy.
/// </summary>
public sealed class ArenaHttp : IDisposable
{
    public const string SessionCookieName = "arena_session";

    private static readonly TimeSpan BattleBound = TimeSpan.FromSeconds(60);

    private readonly Uri _web;
    private readonly CookieContainer _cookies;
    private readonly HttpClient _http;

    public ArenaHttp(Uri web, CookieContainer? cookies = null)
    {
        _web = web;
        _cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies })
        {
            BaseAddress = web,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The session cookie's value in this client's jar, or null before the first response.</summary>
    public string? SessionCookie => _cookies.GetCookies(_web)[SessionCookieName]?.Value;

    /// <summary><c>GET /api/sessions/me/battles</c>: the ids of the session's battles.</summary>
    public async Task<List<string>> GetHistoryAsync()
    {
        var history = JsonNode.Parse(await _http.GetStringAsync("/api/sessions/me/battles"))!;
        return history["battles"]!.AsArray().Select(b => (string)b!["battle_id"]!).ToList();
    }

    /// <summary>Starts a battle, reads its event stream to the end, and returns the finished battle.</summary>
    public async Task<FinishedBattle> RunBattleAsync(string prompt)
    {
        using var started = await _http.PostAsJsonAsync("/api/battles", new { prompt });
        var startBody = await started.Content.ReadAsStringAsync();
        if (started.StatusCode != HttpStatusCode.Created)
        {
            throw new HttpRequestException($"POST /api/battles answered {(int)started.StatusCode}: {startBody}");
        }

        var start = JsonNode.Parse(startBody)!;
        var id = (string)start["battle_id"]!;
        var events = await ReadEventsAsync((string)start["events"]!);
        var snapshot = JsonNode.Parse(await _http.GetStringAsync($"/api/battles/{id}"))!;
        return new FinishedBattle(id, events, snapshot);
    }

    /// <summary>Starts a battle and returns its id, without reading its events.</summary>
    public async Task<string> StartBattleAsync(string prompt)
    {
        using var started = await _http.PostAsJsonAsync("/api/battles", new { prompt });
        var body = await started.Content.ReadAsStringAsync();
        return started.StatusCode == HttpStatusCode.Created
            ? (string)JsonNode.Parse(body)!["battle_id"]!
            : throw new HttpRequestException($"POST /api/battles answered {(int)started.StatusCode}: {body}");
    }

    /// <summary>The battle's event stream, as it arrives, until the stream ends or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<SseItem<string>> EventsAsync(string battleId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"/api/battles/{battleId}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream, (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>POSTs an empty JSON body and returns the status and body (e.g. <c>/api/battles/{id}/regenerate</c>).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path)
    {
        using var response = await _http.PostAsJsonAsync(path, new { });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Votes and returns the reveal: <c>{outcome, a: {model, rating, delta}, b: {…}}</c>.</summary>
    public async Task<JsonNode> VoteAsync(string battleId, string winner)
    {
        using var response = await _http.PostAsJsonAsync($"/api/battles/{battleId}/vote", new { winner });
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonNode.Parse(body)!
            : throw new HttpRequestException($"The vote answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Posts a vote and returns only the status it answered.</summary>
    public async Task<HttpStatusCode> PostVoteAsync(string battleId, string winner)
    {
        using var response = await _http.PostAsJsonAsync($"/api/battles/{battleId}/vote", new { winner });
        return response.StatusCode;
    }

    /// <summary><c>GET /api/battles/{id}</c>.</summary>
    public async Task<JsonNode> GetBattleAsync(string battleId) => JsonNode.Parse(await _http.GetStringAsync($"/api/battles/{battleId}"))!;

    public Task<string> GetTextAsync(Uri address) => _http.GetStringAsync(address);

    /// <summary>GETs an address that must refuse with <paramref name="status"/>; returns the ProblemDetails' detail.</summary>
    public async Task<string> GetProblemDetailAsync(Uri address, int status)
    {
        using var response = await _http.GetAsync(address);
        var body = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == status
            ? (string?)JsonNode.Parse(body)?["detail"] ?? ""
            : throw new HttpRequestException($"GET {address} answered {(int)response.StatusCode}, not {status}: {body}");
    }

    public async Task<JsonNode> GetLeaderboardAsync() => JsonNode.Parse(await _http.GetStringAsync("/api/leaderboard"))!;

    private async Task<List<SseItem<string>>> ReadEventsAsync(string path)
    {
        using var deadline = new CancellationTokenSource(BattleBound);
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream, (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync(deadline.Token))
        {
            events.Add(item);
        }

        return events;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A battle whose event stream has ended.</summary>
public sealed record FinishedBattle(string Id, IReadOnlyList<SseItem<string>> Events, JsonNode Snapshot)
{
    public string Status => (string)Snapshot["status"]!;

    public string Side(string side) => (string)Snapshot["turns"]![0]![side]!["status"]!;

    public string Describe() =>
        $"battle {Id}: {Snapshot.ToJsonString()}{Environment.NewLine}events: {string.Join(" ", Events.Select(e => e.EventType))}";
}
