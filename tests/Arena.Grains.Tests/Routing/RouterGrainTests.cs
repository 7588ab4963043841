using Arena.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Routing;

/// <summary>The router grain in a real one-silo cluster, with the router's own registration.</summary>
public sealed class RouterGrainTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(RouterTestData.Embedder); // the model is loaded once per test run
            silo.Services.AddArenaRouter();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ClassifyAsync_RoutesThroughTheGrain()
    {
        var router = _cluster.Client.GetGrain<IRouterGrain>(0);

        var arena = await router.ClassifyAsync("write a limerick about a sleepy owl", RouteContext.None);
        var assistant = await router.ClassifyAsync("which model leads the rankings today", RouteContext.None);
        var context = await router.ClassifyAsync("write a limerick about a sleepy owl", new RouteContext(DataLoaded: true, WorkflowActive: false));

        Assert.Equal((Routes.Arena, RouteClassifier.CreativeWriting), (arena.Route, arena.Category));
        Assert.Equal((Routes.Assistant, RouteClassifier.ArenaInfo), (assistant.Route, assistant.Category));
        Assert.Equal((Routes.Assistant, RouteClassifier.CreativeWriting, 1.0), (context.Route, context.Category, context.Confidence));
    }

    [Fact]
    public async Task ClassifyAsync_ManyConcurrentCalls_AnswerAsOneAtATime()
    {
        var router = _cluster.Client.GetGrain<IRouterGrain>(0);
        var messages = Enumerable.Range(0, 50).Select(i => $"how do I sort {i} numbers in python").ToArray();
        var expected = messages.Select(m => RouterTestData.Classifier.Classify(m, RouteContext.None)).ToArray();

        var decisions = await Task.WhenAll(messages.Select(m => router.ClassifyAsync(m, RouteContext.None)));

        Assert.Equal(expected.Select(d => (d.Route, d.Category)), decisions.Select(d => (d.Route, d.Category)));
    }
}
