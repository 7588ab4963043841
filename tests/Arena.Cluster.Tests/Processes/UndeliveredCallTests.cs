using System.Diagnostics;
using System.Net;
using Arena.Battles;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Right after a silo dies (SIGKILL), before membership has declared it dead, a user's requests through a surviving web
/// silo touch grains the dead silo held. They are served, late by at most the time membership takes, and not refused:
/// the calls that could not reach the dead silo are sent again (<c>UndeliveredCallRetryFilter</c>) until the grains
/// activate on a survivor.
/// </summary>
public sealed class UndeliveredCallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Requests_RightAfterTheirGrainsSiloIsKilled_AreServedByASurvivor()
    {
        await using var arena = await ArenaDeployment.StartAsync(webSilos: 2);
        await arena.RunAsync(() => RunAsync(arena));
    }

    private async Task RunAsync(ArenaDeployment arena)
    {
        var cookies = new CookieContainer();
        using var first = new ArenaHttp(arena.Webs[0], cookies);
        var battle = await first.RunBattleAsync("Name a river in France.");
        Assert.Equal("ready_to_vote", battle.Status);

        // The silo that holds the battle dies; the user goes on through a web silo that does not.
        ChildProcess victim;
        using (var client = await arena.ConnectClientAsync())
        {
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IBattleGrain>(Guid.Parse(battle.Id)))
                ?? throw new InvalidOperationException("The battle has no activation.");
            victim = arena.ProcessAtSiloPort(host.Endpoint.Port);
        }

        var survivor = arena.WebIndexOf(victim) == 0 ? 1 : 0;
        using var user = new ArenaHttp(arena.Webs[survivor], cookies);
        victim.Kill();
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"battle {battle.Id} was on {victim.Name}; killed it, going on through web {survivor + 1}");

        var snapshot = await user.GetBattleAsync(battle.Id);
        output.WriteLine($"GET battle answered {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.Equal("ready_to_vote", (string)snapshot["status"]!);

        var vote = await user.PostVoteAsync(battle.Id, "a");
        Assert.True(vote is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the vote answered {(int)vote}");
        output.WriteLine($"vote answered {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.Contains(battle.Id, await user.GetHistoryAsync());
    }
}
