using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arena.Cluster.Tests.Infrastructure;
using Arena.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// The pending vote across a real crash: Arena.Web in the cluster profile on PostgreSQL, in its own process,
/// killed (SIGKILL) after the battle recorded the vote and before the ledger committed it. The test holds
/// the ledger table locked meanwhile, so the ledger append waits while the battle's own write goes through.
/// After a restart the vote counts exactly once and the battle shows its reveal, with no one voting again.
/// </summary>
public sealed class VoteCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Vote_ProcessKilledBetweenTheBattlesVoteWriteAndTheLedgerCommit_CountedOnceAfterRestart()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("arena");
        var web = new Uri($"http://127.0.0.1:{Ports.Free().ToString(CultureInfo.InvariantCulture)}");
        using var certificates = new TestCertificates();
        var environment = Environment(database, certificates);
        ChildProcess? arena = null;
        try
        {
            arena = await StartArenaAsync(web, environment);
            using var user = new ArenaHttp(web);
            var battle = await user.RunBattleAsync("Name three rivers in Europe.");
            Assert.True(battle.Status == "ready_to_vote", battle.Describe());
            var id = Guid.Parse(battle.Id);

            await using var ledgerLock = new NpgsqlConnection(database);
            await ledgerLock.OpenAsync();
            await using var holding = await ledgerLock.BeginTransactionAsync();
            await ExecuteAsync(ledgerLock, "LOCK TABLE arena_vote_ledger IN EXCLUSIVE MODE");

            var vote = user.PostVoteAsync(battle.Id, "b");
            await Poll.UntilAsync(async () => await CountAsync(database, "arena_vote_outbox", id) == 1, Bound, "the battle's vote write", arena.Output);
            Assert.Equal(0, await CountAsync(database, "arena_vote_ledger", id));

            arena.Kill();
            await arena.WaitForExitAsync(TimeSpan.FromSeconds(30));
            // The vote's answer, if one came before the kill, was never a failure: "recorded, reveal follows".
            var answer = await vote.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (HttpStatusCode?)null, TaskScheduler.Default);
            Assert.True(answer is null or HttpStatusCode.Accepted, $"The vote answered {answer}");
            await holding.RollbackAsync();
            arena.Dispose();

            arena = await StartArenaAsync(web, environment);

            // Nobody votes again: the restarted process counts the recorded vote by itself.
            await Poll.UntilAsync(async () => await CountAsync(database, "arena_vote_ledger", id) == 1, Bound, "the vote in the ledger", arena.Output);
            Assert.Equal(0, await CountAsync(database, "arena_vote_outbox", id));
            var snapshot = await user.GetBattleAsync(battle.Id);
            Assert.Equal("b", (string?)snapshot["reveal"]?["outcome"]);
            Assert.Equal("voted", (string?)snapshot["status"]);
            Assert.Equal(1, await CountAsync(database, "arena_vote_ledger", id));
        }
        catch (Exception ex) when (arena is not null && ex is not OperationCanceledException)
        {
            output.WriteLine(arena.Output());
            throw;
        }
        finally
        {
            arena?.Dispose();
        }
    }

    private static async Task<ChildProcess> StartArenaAsync(Uri web, Dictionary<string, string> environment)
    {
        var arena = ChildProcess.Start("arena-web", BuildOutputs.ArenaWeb, ["--urls", web.ToString().TrimEnd('/')], environment);
        using var probe = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async () =>
            {
                if (arena.HasExited)
                {
                    throw new InvalidOperationException("Arena.Web exited during start-up.");
                }

                var models = JsonNode.Parse(await probe.GetStringAsync("/api/models"))!["models"]!.AsArray();
                return models.Count(m => (string?)m!["state"] == "available") >= 2;
            },
            Bound,
            "Arena.Web to report two available models",
            arena.Output);
        return arena;
    }

    /// <summary>One Arena.Web with its simulator, the cluster profile, and the same silo ports on every start.</summary>
    private static Dictionary<string, string> Environment(string database, TestCertificates certificates) => new(
        certificates.Settings("arena-web", "__").Concat(certificates.KeyRingSettings("__")).ToDictionary(e => e.Key, e => e.Value!))
    {
        ["ConnectionStrings__arena"] = database,
        ["Arena__Profile"] = "cluster",
        ["Arena__Silo__ClusterId"] = "arena-crash-" + Guid.NewGuid().ToString("N")[..8],
        ["Arena__Silo__ServiceId"] = "arena-crash",
        ["Arena__Silo__AdvertisedIp"] = "127.0.0.1",
        ["Arena__Silo__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Arena__Silo__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Arena__Simulator__TimeScale"] = "0.01",
        ["Arena__Ratings__MinVoteDelay"] = "00:00:00",
        ["Arena__RateLimits__Enabled"] = "false",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    private static async Task<long> CountAsync(string database, string table, Guid battleId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE battle_id = @id";
        command.Parameters.AddWithValue("id", battleId.ToString("D"));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
