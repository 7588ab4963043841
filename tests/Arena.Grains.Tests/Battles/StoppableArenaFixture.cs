using System.Globalization;
using VllmSim;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// Models in real time that answer slowly (two that trickle tokens for minutes, one that never starts),
/// so a test can stop a turn while it runs; tests name the pair they need.
/// </summary>
public sealed class StoppableArenaFixture : ArenaClusterFixture
{
    public const string TrickleA = "sim-trickle-a";
    public const string TrickleB = "sim-trickle-b";
    public const string Silent = "sim-silent";

    protected override double TimeScale => 1.0;

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = TrickleA, Style = AnswerStyles.Chatty, TtftMs = 1, TtftStdMs = 0, InterTokenMs = 200, InterTokenStdMs = 0, MaxTokens = 2000 },
        new() { Id = TrickleB, Style = AnswerStyles.Structured, TtftMs = 1, TtftStdMs = 0, InterTokenMs = 200, InterTokenStdMs = 0, MaxTokens = 2000 },
        new() { Id = Silent, Style = AnswerStyles.Terse, TtftMs = 600_000, TtftStdMs = 0 },
    ];

    /// <summary>Requests the simulator is running now, over all models, read from its Prometheus <c>/metrics</c>.</summary>
    public async Task<double> RunningRequestsAsync()
    {
        using var http = new HttpClient { BaseAddress = Simulator.BaseAddress };
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("vllm:num_requests_running{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the simulator runs no request, re-reading its metrics; false if that did not happen in time.</summary>
    public async Task<bool> DrainedAsync(TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (!deadline.IsCancellationRequested)
        {
            if (await RunningRequestsAsync() == 0)
            {
                return true;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return false;
    }
}

[CollectionDefinition(Name)]
public sealed class StoppableArenaCollection : ICollectionFixture<StoppableArenaFixture>
{
    public const string Name = "stoppable arena";
}
