using Arena.Routing;
using Arena.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arena.Web.Tests.Routing;

/// <summary>The web host builds its classifier as it starts, before any message asks for it.</summary>
public sealed class RouterWarmUpTests
{
    [Fact]
    public async Task Start_EmbedsTheRoutersExamplesBeforeAnyMessage()
    {
        var embedder = new SignallingEmbedder();
        await using var host = new ArenaHost(timeScale: 0.05, testServices: s => s.Replace(ServiceDescriptor.Singleton<IEmbedder>(embedder)));

        await host.StartAsync();

        var examples = await embedder.FirstBatch.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RouteExamples.LoadBuiltIn().Count, examples);
    }

    /// <summary>Below the warm-up: deterministic vectors instead of MiniLM, and a signal at the first batch.</summary>
    private sealed class SignallingEmbedder : IEmbedder
    {
        private readonly TaskCompletionSource<int> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int> FirstBatch => _first.Task;

        public float[] Embed(string text) => Embed([text])[0];

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            _first.TrySetResult(texts.Count);
            return [.. texts.Select(Vector)];
        }

        public Task<float[]> EmbedAsync(string text) => Task.FromResult(Embed(text));

        private static float[] Vector(string text)
        {
            var v = new float[8];
            v[(text.Length % 7) + 1] = 1;
            return v;
        }
    }
}
