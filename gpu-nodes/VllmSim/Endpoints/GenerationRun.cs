using VllmSim.Generation;
using VllmSim.Metrics;

namespace VllmSim.Endpoints;

/// <summary>Paces one generation with simulated delays and records its metrics.</summary>
internal sealed class GenerationRun(
    SimModelOptions model,
    CompletionPlan plan,
    LatencySampler latency,
    SimMetrics.ModelMetrics metrics,
    TimeProvider time,
    SimFailureKind failure)
{
    private readonly long _started = time.GetTimestamp();
    private long _lastToken;

    public SimModelOptions Model => model;

    public CompletionPlan Plan => plan;

    public SimFailureKind Failure => failure;

    public async Task WaitFirstTokenAsync(CancellationToken ct)
    {
        await DelayAsync(latency.TimeToFirstToken(), ct);
        _lastToken = time.GetTimestamp();
        metrics.Ttft.Observe(time.GetElapsedTime(_started, _lastToken).TotalSeconds);
    }

    public async Task WaitNextTokenAsync(CancellationToken ct)
    {
        await DelayAsync(latency.InterToken(), ct);
        var now = time.GetTimestamp();
        metrics.InterToken.Observe(time.GetElapsedTime(_lastToken, now).TotalSeconds);
        _lastToken = now;
    }

    public void Complete()
    {
        metrics.AddPromptTokens(plan.PromptTokens);
        metrics.AddGenerationTokens(plan.CompletionTokens);
        metrics.Succeeded(plan.FinishReason);
        metrics.E2e.Observe(time.GetElapsedTime(_started).TotalSeconds);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, ct);
}
