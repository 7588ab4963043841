using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;

namespace Arena.Tests.Shared;

/// <summary>How one of a drill user's battles went, as that user saw it on the wire.</summary>
public sealed class DrillBattle
{
    public string? Id { get; set; }

    /// <summary>When the start was sent.</summary>
    public TimeSpan StartedAt { get; init; }

    /// <summary>When the stream ended with <c>battle_done</c>, the start failed, or the bound passed.</summary>
    public TimeSpan EndedAt { get; set; }

    /// <summary>Why the start failed (its status or exception), or null when the battle started.</summary>
    public string? StartFailure { get; set; }

    /// <summary>The <c>side_error</c> messages the stream carried.</summary>
    public List<string> SideErrors { get; } = [];

    public bool Done { get; set; }

    /// <summary>The stream had no <c>battle_done</c> within the bound.</summary>
    public bool Hung { get; set; }

    /// <summary>Times the stream broke (or answered an error) and was reconnected with <c>Last-Event-ID</c>.</summary>
    public int Reconnects { get; set; }

    /// <summary>The vote's answer was 200 or 202: the user was told it counted.</summary>
    public bool VoteAcknowledged { get; set; }

    public string? VoteFailure { get; set; }

    public bool Failed => StartFailure is not null || SideErrors.Count > 0 || Hung;

    public string Describe() =>
        $"battle {Id ?? "(not started)"} +{StartedAt.TotalSeconds:F1}s..+{EndedAt.TotalSeconds:F1}s: " +
        (StartFailure ?? (Hung ? "hung" : SideErrors.Count > 0 ? "side_error: " + string.Join(" | ", SideErrors) : "done")) +
        (Reconnects > 0 ? $", {Reconnects} reconnects" : "");
}

/// <summary>
/// One browser session of a fault drill, through the cluster's front door: it starts a battle, reads its event stream
/// as EventSource would (a dropped stream is reopened after the <c>retry:</c> hint with <c>Last-Event-ID</c>), votes
/// when both sides finished, and starts the next. A start refused with 503 and <c>Retry-After</c> (capacity, or storage
/// that could not take the battle) is sent again after that wait, as a client told when to retry does.
/// </summary>
public sealed class DrillUser(Uri front, int number, Func<TimeSpan> clock, TimeSpan streamBound) : IDisposable
{
    private static readonly string[] Winners = ["a", "b", "tie", "both_bad"];

    private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = front,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly Random _random = new(number);

    public List<DrillBattle> Battles { get; } = [];

    /// <summary>Starts refused with 503 and a retry time, and sent again.</summary>
    public int RetriedStarts { get; private set; }

    /// <summary>Runs battle after battle until <paramref name="stop"/> fires; the battle in progress then finishes.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var battle = new DrillBattle { StartedAt = clock() };
            lock (Battles)
            {
                Battles.Add(battle);
            }

            await RunBattleAsync(battle, $"Drill user {number.ToString(CultureInfo.InvariantCulture)}, battle {n.ToString(CultureInfo.InvariantCulture)}: name a river.", stop);
            battle.EndedAt = clock();
            if (battle.StartFailure is not null)
            {
                await Pause(TimeSpan.FromMilliseconds(500), stop);
            }
        }
    }

    private async Task RunBattleAsync(DrillBattle battle, string prompt, CancellationToken stop)
    {
        while (battle.Id is null)
        {
            try
            {
                using var started = await _http.PostAsJsonAsync("/api/battles", new { prompt });
                var body = await started.Content.ReadAsStringAsync();
                if (started.StatusCode == HttpStatusCode.Created)
                {
                    battle.Id = (string)JsonNode.Parse(body)!["battle_id"]!;
                }
                else if (started.StatusCode == HttpStatusCode.ServiceUnavailable && started.Headers.RetryAfter?.Delta is { } wait && !stop.IsCancellationRequested)
                {
                    RetriedStarts++;
                    await Pause(wait, stop);
                }
                else
                {
                    battle.StartFailure = $"start answered {(int)started.StatusCode}: {body}";
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                battle.StartFailure = $"start failed: {e.GetType().Name}: {e.Message}";
                return;
            }
        }

        await ReadStreamAsync(battle);
        if (battle.Done && battle.SideErrors.Count == 0)
        {
            await VoteAsync(battle);
        }
    }

    private async Task ReadStreamAsync(DrillBattle battle)
    {
        using var bound = new CancellationTokenSource(streamBound);
        string? lastId = null;
        var retry = TimeSpan.FromSeconds(1);
        while (!battle.Done)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/battles/{battle.Id}/events");
                if (lastId is not null)
                {
                    request.Headers.Add("Last-Event-ID", lastId);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
                if (response.IsSuccessStatusCode)
                {
                    await using var body = await response.Content.ReadAsStreamAsync(bound.Token);
                    var parser = SseParser.Create(body, (_, data) => Encoding.UTF8.GetString(data));
                    await foreach (var item in parser.EnumerateAsync(bound.Token))
                    {
                        lastId = string.IsNullOrEmpty(item.EventId) ? lastId : item.EventId;
                        if (item.EventType == "side_error")
                        {
                            battle.SideErrors.Add((string?)JsonNode.Parse(item.Data)?["message"] ?? item.Data);
                        }
                        else if (item.EventType == "battle_done")
                        {
                            battle.Done = true;
                        }
                    }

                    retry = parser.ReconnectionInterval > TimeSpan.Zero ? parser.ReconnectionInterval : retry;
                }
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // A dropped connection: EventSource reopens it after the retry hint.
            }

            if (!battle.Done)
            {
                battle.Reconnects++;
                try
                {
                    await Task.Delay(retry, bound.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        battle.Hung = !battle.Done;
    }

    private async Task VoteAsync(DrillBattle battle)
    {
        // A vote whose answer was lost is sent again, as a user clicks again; only an answered 200 or 202 is acknowledged.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync($"/api/battles/{battle.Id}/vote", new { winner = Winners[_random.Next(Winners.Length)] });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
                {
                    battle.VoteAcknowledged = true;
                    battle.VoteFailure = null;
                    return;
                }

                battle.VoteFailure = $"vote answered {(int)response.StatusCode}: {body}";
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                battle.VoteFailure = $"vote failed: {e.GetType().Name}: {e.Message}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task Pause(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    public void Dispose() => _http.Dispose();
}
