using Arena.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Sessions;

/// <summary>A one-silo cluster whose clock is a <see cref="FakeTimeProvider"/>, for SessionGrain's datasets and workflow lease.</summary>
public sealed class SessionClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ArenaNames.Storage);
            silo.Services.AddSingleton<TimeProvider>(Time);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>SessionGrain: datasets (add, duplicate, bound, remove) and the assistant workflow.</summary>
public sealed class SessionGrainTests(SessionClusterFixture fixture) : IClassFixture<SessionClusterFixture>
{
    private ISessionGrain NewSession() => fixture.Cluster.Client.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));

    /// <summary>Datasets compared by id and name (record equality compares the column lists by reference).</summary>
    private static IEnumerable<(Guid, string)> Keys(IEnumerable<DatasetInfo> datasets) => datasets.Select(d => (d.Id, d.Name));

    private static DatasetInfo Dataset(string name) =>
        new(Guid.NewGuid(), name, 100, 3, [new DatasetColumn("a", ColumnType.Integer, 0)], DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task AddDataset_ThenContext_ListsItAndDataLoaded()
    {
        var session = NewSession();
        var sales = Dataset("sales");

        await session.AddDatasetAsync(sales);
        await session.AddDatasetAsync(sales); // the same id again is a no-op
        var context = await session.GetContextAsync();

        Assert.True(context.DataLoaded);
        Assert.Equal(Keys([sales]), Keys(context.Datasets));
    }

    [Fact]
    public async Task AddDataset_DuplicateName_ConflictAndUnchanged()
    {
        var session = NewSession();
        var first = Dataset("sales");
        await session.AddDatasetAsync(first);

        var error = await Assert.ThrowsAsync<ArenaException>(() => session.AddDatasetAsync(Dataset("SALES")));

        Assert.Equal(ArenaErrorKind.Conflict, error.Kind);
        Assert.Contains("sales", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Keys([first]), Keys((await session.GetContextAsync()).Datasets));
    }

    [Fact]
    public async Task AddDataset_TooMany_RefusedAndUnchanged()
    {
        var session = NewSession();
        var added = Enumerable.Range(0, SessionGrain.MaxDatasets).Select(i => Dataset($"d{i}")).ToArray();
        foreach (var dataset in added)
        {
            await session.AddDatasetAsync(dataset);
        }

        var error = await Assert.ThrowsAsync<ArenaException>(() => session.AddDatasetAsync(Dataset("one-more")));

        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        Assert.Equal(Keys(added), Keys((await session.GetContextAsync()).Datasets));
    }

    [Fact]
    public async Task RemoveDataset_KnownAndUnknown()
    {
        var session = NewSession();
        var a = Dataset("a");
        var b = Dataset("b");
        await session.AddDatasetAsync(a);
        await session.AddDatasetAsync(b);

        Assert.Equal(a.Id, (await session.RemoveDatasetAsync(a.Id)).Id);
        var error = await Assert.ThrowsAsync<ArenaException>(() => session.RemoveDatasetAsync(a.Id));

        Assert.Equal(ArenaErrorKind.NotFound, error.Kind);
        Assert.Equal(Keys([b]), Keys((await session.GetContextAsync()).Datasets));
    }

    [Fact]
    public async Task ContinueWorkflow_KeepsTheConversationUntilEnded()
    {
        var session = NewSession();

        var first = await session.ContinueWorkflowAsync();
        var second = await session.ContinueWorkflowAsync();
        var active = await session.GetContextAsync();
        await session.EndWorkflowAsync();
        var ended = await session.GetContextAsync();
        var third = await session.ContinueWorkflowAsync();

        Assert.Equal(first, second);
        Assert.Equal(first, active.Conversation);
        Assert.True(active.WorkflowActive(fixture.Time.GetUtcNow()));
        Assert.Null(ended.Conversation);
        Assert.False(ended.WorkflowActive(fixture.Time.GetUtcNow()));
        Assert.NotEqual(first, third);
    }

    [Fact]
    public async Task ContinueWorkflow_AfterLeaseLapses_StartsANewConversation()
    {
        // Another test class does not share this fixture, so advancing its clock affects only these tests,
        // and each of them works from its own session.
        var session = NewSession();
        var first = await session.ContinueWorkflowAsync();

        fixture.Time.Advance(SessionGrain.WorkflowLease - TimeSpan.FromMinutes(1));
        var renewed = await session.ContinueWorkflowAsync(); // within the lease: same conversation, lease extended
        fixture.Time.Advance(SessionGrain.WorkflowLease - TimeSpan.FromMinutes(1));
        var stillActive = (await session.GetContextAsync()).WorkflowActive(fixture.Time.GetUtcNow());
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        var lapsed = (await session.GetContextAsync()).WorkflowActive(fixture.Time.GetUtcNow());
        var next = await session.ContinueWorkflowAsync();

        Assert.Equal(first, renewed);
        Assert.True(stillActive);
        Assert.False(lapsed);
        Assert.NotEqual(first, next);
    }
}
