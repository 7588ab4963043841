using System.Globalization;
using Arena.Battles;
using Arena.Models;
using Microsoft.Extensions.DependencyInjection;
using VllmSim;

namespace Arena.Grains.Tests.Models;

[Collection(ModelTierCollection.Name)]
public sealed class ModelHealthTests(ModelTierFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ModelDirectory Directory => arena.SiloServices.GetRequiredService<ModelDirectory>();

    private ModelHealthMonitor Monitor => arena.SiloServices.GetRequiredService<ModelHealthMonitor>();

    private ModelCatalog Catalog => arena.SiloServices.GetRequiredService<ModelCatalog>();

    [Fact]
    public async Task Probes_ServerDown_ModelUnavailableAndNeverPaired_ThenBackWhenServerStarts()
    {
        var down = Catalog.Find(ModelTierFixture.Down)!;
        await WaitForAsync(() => Directory.StateOf(down).Availability == ModelAvailability.Unavailable);

        var state = Directory.StateOf(down);
        Assert.Contains("sim-down", state.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.PairableModels(), m => m.Id == ModelTierFixture.Down);
        for (var i = 0; i < 4; i++)
        {
            var reveal = await RunVotedBattleAsync();
            Assert.Contains(reveal.A.Model, ModelTierFixture.Healthy);
            Assert.Contains(reveal.B.Model, ModelTierFixture.Healthy);
        }

        // The server comes up: the next passing probe closes the circuit and the model is back.
        var options = new SimulatorOptions { Models = [new() { Id = ModelTierFixture.Down, Style = AnswerStyles.Terse }], TimeScale = 0 };
        await using var revived = await VllmSimServer.StartAsync(options, $"http://127.0.0.1:{arena.DownPort.ToString(CultureInfo.InvariantCulture)}");
        await WaitForAsync(() => Directory.StateOf(down).Availability == ModelAvailability.Healthy);
        Assert.Contains(Directory.PairableModels(), m => m.Id == ModelTierFixture.Down);
    }

    [Fact]
    public async Task GenerateAsync_AlwaysRateLimited_WaitsThenFailsClearly()
    {
        var chunks = await CollectAsync(ModelTierFixture.RateLimited);

        var final = Assert.Single(chunks);
        Assert.Equal(ModelFailure.RateLimited, final.ErrorKind);
        Assert.Contains("429", final.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ModelTierFixture.RateLimited, final.Error, StringComparison.Ordinal);
        var stats = await arena.Client.GetGrain<IModelGrain>(ModelTierFixture.RateLimited).GetStatsAsync();
        Assert.True(stats.ErrorsByKind[ModelFailure.RateLimited] >= 1);
        Assert.Equal(0, stats.Succeeded);
    }

    [Fact]
    public async Task GenerateAsync_NoFirstToken_TimesOutClearly()
    {
        var chunks = await CollectAsync(ModelTierFixture.Silent);

        var final = Assert.Single(chunks);
        Assert.Equal(ModelFailure.FirstTokenTimeout, final.ErrorKind);
        Assert.Contains("did not start answering", final.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ServerGoesQuietMidAnswer_IdleTimeoutEndsItClearly()
    {
        var chunks = await CollectAsync(ModelTierFixture.Stalling);

        var final = chunks[^1];
        Assert.Equal(ModelFailure.IdleTimeout, final.ErrorKind);
        Assert.Contains("stopped sending tokens", final.Error, StringComparison.Ordinal);
        Assert.True(chunks.Sum(c => c.Tokens) > 0, "Some tokens came before the server went quiet.");
        Assert.Null(final.Completion);
    }

    [Fact]
    public async Task GenerateAsync_OverConcurrencyLimit_SecondRequestFailsBusy()
    {
        // The silent model allows one request at a time; the first holds its slot until its first-token
        // timeout (5 s), longer than the second may wait for a slot (2 s).
        var first = CollectAsync(ModelTierFixture.Silent);
        var second = CollectAsync(ModelTierFixture.Silent);
        var results = await Task.WhenAll(first, second);

        var kinds = results.Select(r => Assert.Single(r).ErrorKind ?? "").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { ModelFailure.Busy, ModelFailure.FirstTokenTimeout }, kinds);
        var busy = results.Select(r => r[0]).Single(c => c.ErrorKind == ModelFailure.Busy);
        Assert.Contains("busy", busy.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_HealthyModel_ReportsItsSiloAndCapacity()
    {
        var status = await arena.Client.GetGrain<IModelGrain>(ModelTierFixture.HealthyA).GetStatusAsync();

        Assert.Equal(ReplicaHealth.Healthy, status.Health);
        Assert.Equal(ModelTierFixture.HealthyA, status.Replica);
        Assert.Null(status.Node);
        Assert.NotEmpty(status.Silo);
        Assert.Equal(256, status.Capacity);
    }

    private async Task<VoteReveal> RunVotedBattleAsync()
    {
        var id = Guid.NewGuid();
        var session = "s-" + id.ToString("N");
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await using (var watcher = await Battles.BattleWatcher.StartAsync(arena.Client, id))
        {
            await battle.StartAsync(new StartBattle(session, "Say hello.", "general"));
            await watcher.Done.WaitAsync(Patience);
        }

        var snapshot = await battle.GetAsync();
        Assert.True(snapshot.Status == BattleStatus.ReadyToVote, $"The battle failed: A: {snapshot.Turns[0].A.Error}; B: {snapshot.Turns[0].B.Error}");
        return await battle.VoteAsync(session, BattleOutcome.Tie);
    }

    private async Task<List<GenerationChunk>> CollectAsync(string model)
    {
        var chunks = new List<GenerationChunk>();
        var request = new GenerationRequest([new ChatMessage(ChatRole.User, "Hello")]);
        await foreach (var chunk in arena.Client.GetGrain<IModelGrain>(model).GenerateAsync(request))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>Refreshes the health board until the condition holds, within a deadline.</summary>
    private async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            await Monitor.RefreshAsync(deadline.Token);
            if (condition())
            {
                return;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
