using System.Diagnostics;
using System.Globalization;
using Arena.Battles;
using Arena.Hosting;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Arena.Benchmarks;

/// <summary>
/// Votes per second through the LeaderboardGrain with every vote durable in the SQLite ledger
/// (synchronous=FULL), from many concurrent callers; then checks that none was lost or doubled.
/// </summary>
public static class VoteBenchmark
{
    public static async Task RunAsync(int votes, int callers)
    {
        var directory = Directory.CreateTempSubdirectory("arena-votes-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "arena.db")}";
        try
        {
            var builder = new InProcessTestClusterBuilder(1);
            // One simulated voter casts every vote: the rigging detector would (rightly) quarantine it as a burst.
            builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Arena:Integrity:Enabled"] = "false" }));
            builder.ConfigureSilo((_, silo) => silo
                .AddArenaSqliteStorage(ArenaNames.Storage, connectionString)
                .AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString)
                .AddArenaGrains());
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            var leaderboard = cluster.Client.GetGrain<ILeaderboardGrain>(0);
            var models = Enumerable.Range(0, 20).Select(i => $"model-{i:00}").ToArray();
            var random = new Random(7);
            var all = Enumerable.Range(0, votes).Select(_ =>
            {
                var a = random.Next(models.Length);
                var b = (a + 1 + random.Next(models.Length - 1)) % models.Length;
                return new VoteRecord(Guid.NewGuid(), models[a], models[b], (BattleOutcome)random.Next(4), "general", DateTimeOffset.UtcNow, BattleMode.Anonymous, "bench");
            }).ToArray();

            await leaderboard.RecordVoteAsync(all[0]); // activation and first write outside the clock
            var clock = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < all.Length)
                {
                    await leaderboard.RecordVoteAsync(all[i]);
                }
            }));
            var elapsed = clock.Elapsed;

            var board = await leaderboard.GetAsync();
            var ledger = cluster.Silos[0].SiloHost.Services.GetRequiredService<IVoteLedger>();
            long rows = 0;
            await foreach (var _ in ledger.ReadAsync())
            {
                rows++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{votes} votes from {callers} concurrent callers in {elapsed.TotalSeconds:F2} s: {(votes - 1) / elapsed.TotalSeconds:F0} votes/s, each durable before acknowledged"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ledger rows {rows}, leaderboard votes {board.TotalVotes} (expected {votes} each): {(rows == votes && board.TotalVotes == votes ? "none lost or doubled" : "MISMATCH")}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
