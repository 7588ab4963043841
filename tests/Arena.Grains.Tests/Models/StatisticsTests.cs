using Arena.Models;

namespace Arena.Grains.Tests.Models;

public sealed class StatisticsTests
{
    [Fact]
    public void Percentile_NearestRank_MatchesDefinition()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

        Assert.Equal(5, SampleWindow.Percentile(values, 0.5));
        Assert.Equal(10, SampleWindow.Percentile(values, 0.95));
        Assert.Equal(1, SampleWindow.Percentile(values, 0.0));
        Assert.Null(SampleWindow.Percentile([], 0.5));
    }

    [Fact]
    public void Add_BeyondCapacity_KeepsTheMostRecent()
    {
        var window = new SampleWindow(3);
        foreach (var v in new double[] { 1, 2, 3, 4, 5 })
        {
            window.Add(v);
        }

        Assert.Equal([3, 4, 5], window.ToArray().Order());
    }

    [Fact]
    public void Snapshot_SuccessesAndFailures_CountsTokensCostAndLatency()
    {
        var model = new ModelDefinition { Id = "m", InputPricePerMillion = 2.0, OutputPricePerMillion = 10.0 };
        var recorder = new ReplicaStatsRecorder("m");

        recorder.RecordSuccess(model, new GenerationCompletion("stop", InputTokens: 1000, OutputTokens: 101, TimeToFirstTokenMs: 100, DurationMs: 1100));
        recorder.RecordFailure(ModelFailure.RateLimited, model, 0, 0);
        var stats = recorder.Snapshot();

        Assert.Equal(2, stats.Requests);
        Assert.Equal(1, stats.Succeeded);
        Assert.Equal(1, stats.ErrorsByKind[ModelFailure.RateLimited]);
        Assert.Equal(1000, stats.InputTokens);
        Assert.Equal(101, stats.OutputTokens);
        Assert.Equal((1000 * 2.0 + 101 * 10.0) / 1e6, stats.CostUsd, 12);
        Assert.Equal([100.0], stats.TimeToFirstTokenMs);
        Assert.Equal([10.0], stats.InterTokenMs);
        Assert.Equal([100.0], stats.TokensPerSecond);
    }
}
