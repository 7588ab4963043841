using Arena.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Routing;

/// <summary>The routing statistics grain in a real one-silo cluster with memory storage and a fake clock.</summary>
public sealed class RoutingStatsGrainTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 23, 59, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ArenaNames.Storage);
            silo.Services.AddSingleton<TimeProvider>(_time);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    // Each test uses its own key so that the tests share nothing.
    private IRoutingStatsGrain Stats(long key) => _cluster.Client.GetGrain<IRoutingStatsGrain>(key);

    [Fact]
    public async Task RecordAsync_Decisions_CountPerRouteAndCategoryWithHistogramAndMean()
    {
        var stats = Stats(1);

        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "coding", 0.95, false));
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "coding", 0.55, false));
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "advice", 1.0, true));
        await stats.RecordAsync(new RoutingRecord(Routes.Assistant, "data_analysis", 0.72, false));
        var snapshot = await stats.GetAsync();

        Assert.Equal(4, snapshot.Total);
        Assert.Equal(1, snapshot.Overrides);
        Assert.Equal([new RouteCount(Routes.Arena, 3), new RouteCount(Routes.Assistant, 1)], snapshot.Routes);
        var coding = Assert.Single(snapshot.Categories, c => c.Category == "coding");
        Assert.Equal((Routes.Arena, 2L, 0.75, 0L), (coding.Route, coding.Count, coding.MeanConfidence, coding.Overrides));
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0, 1], coding.ConfidenceHistogram);
        Assert.Equal(1, Assert.Single(snapshot.Categories, c => c.Category == "advice").Overrides);
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 1, 0, 2], snapshot.ConfidenceHistogram);
    }

    [Fact]
    public async Task RecordAsync_AcrossMidnight_CountsPerUtcDay()
    {
        var stats = Stats(2);

        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "math", 0.9, false));
        _time.Advance(TimeSpan.FromMinutes(2));
        await stats.RecordAsync(new RoutingRecord(Routes.Assistant, "arena_info", 0.8, false));
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "knowledge", 0.6, true));
        var days = (await stats.GetAsync()).Days;

        Assert.Equal(
            [new DayRouting(new DateOnly(2025, 3, 14), 1, 0, 0), new DayRouting(new DateOnly(2025, 3, 15), 1, 1, 1)],
            days);
    }

    [Theory]
    [InlineData("elsewhere", "coding", 0.5)]
    [InlineData(Routes.Arena, "", 0.5)]
    [InlineData(Routes.Arena, "coding", 1.5)]
    [InlineData(Routes.Arena, "coding", double.NaN)]
    public async Task RecordAsync_InvalidRecord_IsRefusedAndChangesNothing(string route, string category, double confidence)
    {
        var stats = Stats(3);

        await Assert.ThrowsAsync<ArenaException>(() => stats.RecordAsync(new RoutingRecord(route, category, confidence, false)));

        Assert.Equal(0, (await stats.GetAsync()).Total);
    }

    [Fact]
    public async Task FlushAsync_WritesBatchedCountsToStorage()
    {
        var stats = Stats(4);
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "coding", 0.9, false));
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "coding", 0.8, false));

        var before = await StoredAsync(stats);
        await stats.FlushAsync();
        var after = await StoredAsync(stats);

        Assert.Empty(before.Categories); // records alone do not write
        Assert.Equal(2, after.Categories[$"{Routes.Arena}/coding"].Count);
    }

    [Fact]
    public async Task Deactivation_WritesPendingCounts_ANewActivationReadsThem()
    {
        var stats = Stats(5);
        await stats.RecordAsync(new RoutingRecord(Routes.Assistant, "data_analysis", 0.7, false));
        await stats.RecordAsync(new RoutingRecord(Routes.Arena, "coding", 0.9, true));

        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var snapshot = await stats.GetAsync();

        Assert.Equal((2L, 1L), (snapshot.Total, snapshot.Overrides));
        Assert.Equal(2, (await StoredAsync(stats)).Categories.Count);
    }

    private async Task<RoutingStatsState> StoredAsync(IRoutingStatsGrain grain)
    {
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ArenaNames.Storage);
        var state = new GrainState<RoutingStatsState>(new RoutingStatsState());
        await storage.ReadStateAsync("routing-stats", grain.GetGrainId(), state);
        return state.State ?? new RoutingStatsState();
    }
}
