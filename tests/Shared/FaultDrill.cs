using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Arena.Tests.Shared;

/// <summary>A fault the drill caused, when, and when the cluster next served a new battle to its first token.</summary>
public sealed record DrillFault(string Name, bool TakesASiloDown, TimeSpan At, TimeSpan Until, TimeSpan? ServingAgainAt)
{
    public string Describe() => ServingAgainAt is { } again
        ? $"{Name} at +{At.TotalSeconds:F1} s: new battles served again {(again - Until).TotalSeconds:F2} s after it"
        : $"{Name} at +{At.TotalSeconds:F1} s: new battles were NOT served again within the bound";
}

/// <summary>The drill's figures, counted on the wire (the users' answers) and in the cluster's database (the ledger).</summary>
public sealed record FaultDrillReport(
    IReadOnlyList<DrillFault> Faults,
    IReadOnlyList<DrillBattle> Battles,
    int RetriedStarts,
    int Acknowledged,
    int Ledger,
    int Lost,
    int Double,
    long LeaderboardVotes,
    long LedgerCounted,
    int OutboxLeft)
{
    public int Hung => Battles.Count(b => b.Hung);

    public int StreamsEnded => Battles.Count(b => b.Done);

    public int SideErrors => Battles.Count(b => b.Done && b.SideErrors.Count > 0);

    /// <summary>
    /// Failed battles that no silo or model server fault can explain: not in flight when a silo was killed, nor while a
    /// model server was frozen, nor started before the cluster served again after either. A database restart explains
    /// nothing: storage faults must be ridden out.
    /// </summary>
    public IReadOnlyList<DrillBattle> FailedOnSurvivors =>
        [.. Battles.Where(b => b.Failed && !Faults.Any(f => f.TakesASiloDown && Touched(b, f)))];

    /// <summary>A start failure's kind: its status or exception and the first words of its message.</summary>
    private static string Reason(string failure) => failure.Length <= 90 ? failure : failure[..90] + "…";

    private static bool Touched(DrillBattle b, DrillFault f) =>
        b.StartedAt <= (f.ServingAgainAt ?? TimeSpan.MaxValue) && b.EndedAt >= f.At;

    public IEnumerable<string> Lines()
    {
        foreach (var fault in Faults)
        {
            yield return fault.Describe();
        }

        yield return $"battles={Battles.Count} started={Battles.Count(b => b.Id is not null)} start_failed={Battles.Count(b => b.StartFailure is not null)} " +
            $"starts_retried={RetriedStarts} streams_ended={StreamsEnded} (battle_done after side_error: {SideErrors}) reconnects={Battles.Sum(b => b.Reconnects)} " +
            $"vote_failed={Battles.Count(b => b.VoteFailure is not null)}";
        foreach (var reason in Battles.Where(b => b.StartFailure is not null).GroupBy(b => Reason(b.StartFailure!)).OrderByDescending(g => g.Count()))
        {
            yield return $"  start_failed {reason.Count()}x, +{reason.Min(b => b.StartedAt).TotalSeconds:0.0}s..+{reason.Max(b => b.StartedAt).TotalSeconds:0.0}s: {reason.Key}";
        }

        yield return $"ledger_counted={LedgerCounted} leaderboard_total_votes={LeaderboardVotes} outbox_left={OutboxLeft}";
        yield return $"acknowledged={Acknowledged} ledger={Ledger} lost={Lost} double={Double} hung={Hung} failed_on_survivors={FailedOnSurvivors.Count}";
    }
}

/// <summary>
/// The fault drill: users battle and vote through nginx while the drill kills a web silo (SIGKILL), restarts
/// PostgreSQL, freezes a model server (SIGSTOP) and thaws it, and kills a GPU silo (SIGKILL), waiting after each for the
/// cluster to serve a new battle again, then <paramref name="settle"/>. Then the users finish, the votes are
/// counted in the ledger, and every battle's fate is reported.
/// </summary>
public sealed class FaultDrill(LocalCluster cluster, int users, TimeSpan settle, TimeSpan freeze, TimeSpan streamBound, Action<string> log)
{
    /// <summary>
    /// The settings every Arena process of a drill runs with: one address generates all the load, and its users vote
    /// the moment the answers end, dozens of times each, which the rigging checks would rightly quarantine.
    /// </summary>
    public static readonly string[] Settings =
    [
        "Arena__RateLimits__Enabled=false",
        "Arena__Ratings__MinVoteDelay=00:00:00",
        "Arena__Integrity__Enabled=false",
    ];

    private static readonly TimeSpan ServingBound = TimeSpan.FromSeconds(90);

    private readonly Stopwatch _clock = new();
    private readonly List<DrillFault> _faults = [];

    public async Task<FaultDrillReport> RunAsync()
    {
        _clock.Start();
        using var stop = new CancellationTokenSource();
        var crowd = Enumerable.Range(0, users).Select(n => new DrillUser(cluster.Nginx, n, () => _clock.Elapsed, streamBound)).ToArray();
        try
        {
            var running = crowd.Select(u => Task.Run(() => u.RunAsync(stop.Token))).ToArray();
            await Task.Delay(settle);
            await FaultAsync("web-1 SIGKILL", takesASiloDown: true, () => { cluster.KillWeb(1); return Task.CompletedTask; });
            await FaultAsync("PostgreSQL restart", takesASiloDown: false, cluster.RestartDatabaseAsync);
            await FaultAsync($"gpu-2's model server SIGSTOP for {freeze.TotalSeconds:F0} s", takesASiloDown: true, async () =>
            {
                cluster.FreezeModelServer(2);
                await Task.Delay(freeze);
                cluster.ThawModelServer(2);
            });
            await FaultAsync("gpu-1 silo SIGKILL", takesASiloDown: true, () => { cluster.KillGpuSilo(1); return Task.CompletedTask; });
            stop.Cancel();
            await Task.WhenAll(running);
            log($"users done at +{_clock.Elapsed.TotalSeconds:F1} s");

            var battles = crowd.SelectMany(u => u.Battles).ToList();
            return await CountAsync(battles, crowd.Sum(u => u.RetriedStarts));
        }
        finally
        {
            foreach (var user in crowd)
            {
                user.Dispose();
            }
        }
    }

    private async Task FaultAsync(string name, bool takesASiloDown, Func<Task> cause)
    {
        var at = _clock.Elapsed;
        await cause();
        var until = _clock.Elapsed;
        var again = await ServingAgainAsync();
        var fault = new DrillFault(name, takesASiloDown, at, until, again);
        _faults.Add(fault);
        log(fault.Describe());
        await Task.Delay(settle);
    }

    /// <summary>Starts probe battles (each a new session) until one streams its first token; the time it did, or null.</summary>
    private async Task<TimeSpan?> ServingAgainAsync()
    {
        var deadline = _clock.Elapsed + ServingBound;
        while (_clock.Elapsed < deadline)
        {
            using var probe = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = cluster.Nginx, Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                using var started = await probe.PostAsJsonAsync("/api/battles", new { prompt = "Probe: name a mountain." });
                if (started.StatusCode == HttpStatusCode.Created)
                {
                    var id = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["battle_id"]!;
                    using var events = await probe.GetAsync($"/api/battles/{id}/events", HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await events.Content.ReadAsStreamAsync();
                    await foreach (var item in SseParser.Create(body, (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync())
                    {
                        if (item.EventType == "token")
                        {
                            return _clock.Elapsed;
                        }

                        if (item.EventType is "side_error" or "battle_done")
                        {
                            break;
                        }
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // Not serving yet.
            }

            await Task.Delay(200);
        }

        return null;
    }

    private async Task<FaultDrillReport> CountAsync(List<DrillBattle> battles, int retriedStarts)
    {
        var acknowledged = battles.Where(b => b.VoteAcknowledged).Select(b => b.Id!).ToHashSet(StringComparer.Ordinal);
        await using var db = new NpgsqlConnection(cluster.DatabaseConnectionString);
        await db.OpenAsync();

        // Acknowledged votes not yet in the ledger wait in the outbox; the leaderboard drains it on a timer.
        var outbox = await WaitForOutboxAsync(db);
        var ledger = new List<string>();
        long counted = 0;
        await using (var read = new NpgsqlCommand("SELECT battle_id, counted FROM arena_vote_ledger WHERE source = 'vote'", db))
        await using (var rows = await read.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                ledger.Add(rows.GetString(0));
                counted += rows.GetBoolean(1) ? 1 : 0;
            }
        }

        var inLedger = ledger.ToHashSet(StringComparer.Ordinal);
        var total = await LeaderboardVotesAsync(counted);
        return new FaultDrillReport(
            _faults,
            battles,
            retriedStarts,
            acknowledged.Count,
            ledger.Count,
            Lost: acknowledged.Count(id => !inLedger.Contains(id)),
            // A battle in the ledger twice (the table forbids it), or the leaderboard counting more votes than the ledger holds.
            Double: (ledger.Count - inLedger.Count) + (int)Math.Max(0, total - counted),
            total,
            counted,
            outbox);
    }

    private static async Task<int> WaitForOutboxAsync(NpgsqlConnection db)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM arena_vote_outbox", db);
            var left = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (left == 0 || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                return left;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The leaderboard's total votes once it has applied the ledger's counted votes (or after a bound).</summary>
    private async Task<long> LeaderboardVotesAsync(long counted)
    {
        using var http = new HttpClient { BaseAddress = cluster.Nginx, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            long total = -1;
            try
            {
                total = (long)JsonNode.Parse(await http.GetStringAsync("/api/leaderboard"))!["total_votes"]!;
            }
            catch (HttpRequestException)
            {
                // Asked again below.
            }

            if (total >= counted || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                return total;
            }

            await Task.Delay(500);
        }
    }
}
