using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using Arena.Hosting;
using Arena.Models;
using Microsoft.Extensions.Configuration;
using OpenAI;
using OpenAI.Chat;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Benchmarks;

/// <summary>
/// The model tier's overhead: time to first token and tokens/s through ModelGrain (Orleans client →
/// silo → OpenAI SDK → VllmSim) against a direct OpenAI SDK call to the same simulated model.
/// The model has fixed latencies (100 ms to first token, 12 ms per token, no jitter).
/// </summary>
public static class ModelTierBenchmark
{
    private const string Model = "bench-8b";

    public static async Task RunAsync(int requests)
    {
        var sim = new SimModelOptions { Id = Model, Style = AnswerStyles.Structured, TtftMs = 100, TtftStdMs = 0, InterTokenMs = 12, InterTokenStdMs = 0, MaxTokens = 120 };
        await using var simulator = await VllmSimServer.StartAsync(new SimulatorOptions { Models = [sim], MaxNumSeqs = 256 });

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(h => h.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Arena:Models:0:Id"] = Model,
            ["Arena:Models:0:BaseUrl"] = simulator.OpenAIEndpoint.ToString(),
        }));
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(Arena.ArenaNames.Storage).AddArenaGrains());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var direct = new ChatClient(Model, new ApiKeyCredential("none"), new OpenAIClientOptions { Endpoint = simulator.OpenAIEndpoint });
        var grain = cluster.Client.GetGrain<IModelGrain>(Model);

        // Warm both paths, then alternate them so drift affects both alike.
        await DirectAsync(direct, 0);
        await ThroughGrainAsync(grain, 0);
        var directRuns = new List<Measurement>();
        var grainRuns = new List<Measurement>();
        for (var i = 1; i <= requests; i++)
        {
            directRuns.Add(await DirectAsync(direct, i));
            grainRuns.Add(await ThroughGrainAsync(grain, i));
        }

        Console.WriteLine($"Model tier overhead, {requests} sequential requests each, model {Model} (TTFT 100 ms, 12 ms/token, no jitter)");
        Console.WriteLine(Summary.Describe("direct OpenAI SDK", directRuns));
        Console.WriteLine(Summary.Describe("through ModelGrain", grainRuns));
        var ttftDirect = Summary.Percentile(directRuns.Select(r => r.TimeToFirstTokenMs), 0.5);
        var ttftGrain = Summary.Percentile(grainRuns.Select(r => r.TimeToFirstTokenMs), 0.5);
        var rateDirect = Summary.Percentile(directRuns.Select(r => r.TokensPerSecond), 0.5);
        var rateGrain = Summary.Percentile(grainRuns.Select(r => r.TokensPerSecond), 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TTFT p50 added: {ttftGrain - ttftDirect:F2} ms (ratio {ttftGrain / ttftDirect:F3}); tokens/s p50 ratio: {rateGrain / rateDirect:F3}"));
    }

    private static async Task<Measurement> DirectAsync(ChatClient client, int seed)
    {
        var clock = Stopwatch.StartNew();
        double? first = null;
        var tokens = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Prompt(seed))]))
        {
            if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
            {
                first ??= clock.Elapsed.TotalMilliseconds;
                tokens++;
            }
        }

        return Measure(first, clock.Elapsed.TotalMilliseconds, tokens);
    }

    private static async Task<Measurement> ThroughGrainAsync(IModelGrain grain, int seed)
    {
        var clock = Stopwatch.StartNew();
        double? first = null;
        var tokens = 0;
        await foreach (var chunk in grain.GenerateAsync(new GenerationRequest([new Arena.Models.ChatMessage(ChatRole.User, Prompt(seed))])))
        {
            if (chunk.Tokens > 0)
            {
                first ??= clock.Elapsed.TotalMilliseconds;
                tokens += chunk.Tokens;
            }

            if (chunk.Error is not null)
            {
                throw new InvalidOperationException(chunk.Error);
            }
        }

        return Measure(first, clock.Elapsed.TotalMilliseconds, tokens);
    }

    private static Measurement Measure(double? first, double end, int tokens) =>
        new(first ?? end, tokens > 1 ? (tokens - 1) / ((end - (first ?? end)) / 1000.0) : 0, tokens);

    private static string Prompt(int seed) => $"Explain how tides work, part {seed.ToString(CultureInfo.InvariantCulture)}.";
}
