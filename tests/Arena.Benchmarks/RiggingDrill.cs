using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Hosting;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Benchmarks;

/// <summary>
/// The rigging drill: honest users vote by the models' true strengths while Min et al.'s target-only attacker votes
/// for one model whenever it recognises it. Run at the grain level: a real in-process Orleans cluster whose
/// leaderboard commits to the real SQLite ledger, votes carrying client hashes directly (simulated addresses and a
/// simulated clock); the attacker reads real answers from VllmSim over HTTP. The same traffic is replayed with no
/// attack, with the attack and the defences off, and with the attack and the defences on.
/// </summary>
public static class RiggingDrill
{
    private const string Target = "sim-terse";

    private static readonly Dictionary<string, double> Strengths = new(StringComparer.Ordinal)
    {
        ["sim-structured"] = 1250, ["sim-chatty"] = 1200, ["sim-methodical"] = 1150,
        ["sim-outline"] = 1100, ["sim-helper"] = 1050, [Target] = 1000,
    };

    private static readonly Dictionary<string, string> Styles = new(StringComparer.Ordinal)
    {
        ["sim-structured"] = AnswerStyles.Structured, ["sim-chatty"] = AnswerStyles.Chatty, ["sim-methodical"] = AnswerStyles.Methodical,
        ["sim-outline"] = AnswerStyles.Structured, ["sim-helper"] = AnswerStyles.Assistant, [Target] = AnswerStyles.Terse,
    };

    public static async Task RunAsync(int honestUsers, int attackerSessions, int attackerAddresses, int battlesPerSession)
    {
        var clock = Stopwatch.StartNew();
        var models = Strengths.Keys.ToArray();
        await using var simulator = await VllmSimServer.StartAsync(new SimulatorOptions
        {
            TimeScale = 0.001,
            Seed = 7,
            Models = models.Select(m => new SimModelOptions { Id = m, Style = Styles[m], MaxTokens = 160 }).ToList(),
        });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var answers = await AnswersAsync(http, models, RiggingTraffic.Prompts.Concat(TrainingPrompts()).ToArray());

        // The attacker learns the target's style from answers it gets itself (training prompts, not the drill's).
        var classifier = new StyleClassifier();
        foreach (var prompt in TrainingPrompts())
        {
            foreach (var model in models)
            {
                classifier.Train(answers[(model, prompt)], model == Target);
            }
        }

        var span = TimeSpan.FromDays(2);
        var traffic = new RiggingTraffic(11);
        var honest = traffic.Honest(Strengths, honestUsers, addresses: honestUsers * 3 / 4, span);
        var attacker = new RiggingAttacker(traffic, classifier, (m, p) => answers[(m, p)], Target);
        var rigged = attacker.Attack(models, attackerSessions, attackerAddresses, battlesPerSession, span);
        var attacked = honest.Concat(rigged).OrderBy(v => v.Vote.VotedAt).ToList();
        var honestOnly = honest.OrderBy(v => v.Vote.VotedAt).ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rigging drill (grain level: in-process Orleans cluster, SQLite ledger, client hashes passed directly; simulated clock over {span.TotalDays:F0} days)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"models: {string.Join(", ", models.Select(m => $"{m} {Strengths[m]:F0}"))}; target {Target}, true rank {Rank(Strengths, Target)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"honest: {honest.Count} votes from {honestUsers} users on {honestUsers * 3 / 4} addresses"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attacker: {attackerSessions} sessions on {attackerAddresses} addresses, {attacker.Battles} battles ({attacker.TargetBattles} with the target): {rigged.Count} rigged votes, target recognised in {100.0 * attacker.Recognised / Math.Max(1, attacker.TargetBattles):F1}% of its battles, {attacker.Mistaken} votes for a model mistaken for it"));

        var baseline = await ScenarioAsync(honestOnly, defended: false);
        var undefended = await ScenarioAsync(attacked, defended: false);
        var defended = await ScenarioAsync(attacked, defended: true);

        Console.WriteLine();
        Console.WriteLine("scenario                 target BT (rank)   target Elo (rank)   rigged quarantined   honest quarantined   flags");
        Print("no attack", baseline);
        Print("attack, defences off", undefended);
        Print("attack, defences on", defended);
        Console.WriteLine();
        var shiftOff = undefended.Bt - baseline.Bt;
        var shiftOn = defended.Bt - baseline.Bt;
        var eloOff = undefended.Elo - baseline.Elo;
        var eloOn = defended.Elo - baseline.Elo;
        var honestCounted = 1.0 - (double)defended.HonestQuarantined / honest.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target shift, defences off: {shiftOff:+0.0;-0.0} BT, {eloOff:+0.0;-0.0} Elo, rank {baseline.BtRank} -> {undefended.BtRank}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target shift, defences on:  {shiftOn:+0.0;-0.0} BT, {eloOn:+0.0;-0.0} Elo, rank {baseline.BtRank} -> {defended.BtRank}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"defended / undefended shift: {Math.Abs(shiftOn) / Math.Max(1e-9, Math.Abs(shiftOff)):F3} BT, {Math.Abs(eloOn) / Math.Max(1e-9, Math.Abs(eloOff)):F3} Elo (goal < 0.25)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rigged votes quarantined: {100.0 * defended.RiggedQuarantined / Math.Max(1, rigged.Count):F1}%; honest votes counted: {100.0 * honestCounted:F2}% (goal >= 99%)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drill took {clock.Elapsed.TotalSeconds:F0} s"));
    }

    private sealed record Outcome(double Bt, int BtRank, double Elo, int EloRank, long RiggedQuarantined, long HonestQuarantined, int Flags, double Seconds);

    private static void Print(string name, Outcome o) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-24} {o.Bt,8:F1} ({o.BtRank})       {o.Elo,8:F1} ({o.EloRank})        {o.RiggedQuarantined,8}             {o.HonestQuarantined,8}         {o.Flags,5}   ({o.Seconds:F0} s)"));

    /// <summary>Replays the votes, one after another in time order, through a fresh cluster and ledger.</summary>
    private static async Task<Outcome> ScenarioAsync(IReadOnlyList<DrillVote> votes, bool defended)
    {
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("arena-rigging-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "arena.db")}";
        try
        {
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Arena:Integrity:Enabled"] = defended ? "true" : "false",
                ["Arena:RateLimits:Enabled"] = "false",
                ["Arena:Ratings:RecomputeDelay"] = "00:30:00", // computed once, at the end
            }));
            builder.ConfigureSilo((_, silo) => silo
                .AddArenaSqliteStorage(ArenaNames.Storage, connectionString)
                .AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString)
                .AddArenaGrains());
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            var leaderboard = cluster.Client.GetGrain<ILeaderboardGrain>(0);
            foreach (var vote in votes)
            {
                await leaderboard.RecordVoteAsync(vote.Vote);
            }

            await leaderboard.RecomputeAsync();
            var board = await leaderboard.GetAsync();
            var active = (await leaderboard.GetQuarantineAsync()).Voters.Where(v => v.Flag.Active).Select(v => v.Flag.Voter).ToHashSet();
            bool Held(DrillVote v) => active.Contains(QuarantineFlag.SessionPrefix + v.Vote.SessionHash) || active.Contains(QuarantineFlag.ClientPrefix + v.Vote.ClientHash);
            var bt = board.Models.OrderByDescending(m => m.BradleyTerry?.Rating ?? 0).Select(m => m.Model).ToList();
            var elo = board.Models.OrderByDescending(m => m.Rating).Select(m => m.Model).ToList();
            var target = board.Models.Single(m => m.Model == Target);
            return new Outcome(
                target.BradleyTerry?.Rating ?? double.NaN, bt.IndexOf(Target) + 1, target.Rating, elo.IndexOf(Target) + 1,
                votes.Count(v => v.Rigged && Held(v)), votes.Count(v => !v.Rigged && Held(v)), active.Count, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Rank(Dictionary<string, double> strengths, string model) => strengths.Values.Count(s => s > strengths[model]) + 1;

    private static IEnumerable<string> TrainingPrompts() =>
        new[] { "tides", "bees", "jazz", "gravity", "coffee", "volcanoes", "recursion", "sleep", "chess", "rainbows", "bread", "rivers", "glaciers", "owls", "maps" }
        .SelectMany(t => new[] { $"Tell me something about {t}.", $"I would like to learn about {t}; where do I start?" });

    /// <summary>Every model's answer to every prompt, from VllmSim's chat endpoint (a few requests at a time).</summary>
    private static async Task<Dictionary<(string Model, string Prompt), string>> AnswersAsync(HttpClient http, string[] models, string[] prompts)
    {
        var jobs = models.SelectMany(m => prompts.Select(p => (m, p))).Distinct().ToArray();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), string>();
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (job, ct) =>
        {
            using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
            {
                model = job.m,
                messages = new[] { new { role = "user", content = job.p } },
                max_tokens = 160,
            }, ct);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            results[job] = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        });
        return new Dictionary<(string Model, string Prompt), string>(results);
    }
}
