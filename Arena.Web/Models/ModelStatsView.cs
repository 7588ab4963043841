using Arena.Models;

namespace Arena.Web.Models;

/// <summary>A model's statistics as <c>GET /api/models/{id}/stats</c> shows them, merged across replicas.</summary>
public sealed record ModelStatsView(
    string Model,
    int Replicas,
    long Requests,
    long Succeeded,
    IReadOnlyDictionary<string, long> Errors,
    double ErrorRate,
    Quantiles TimeToFirstTokenMs,
    Quantiles InterTokenMs,
    Quantiles TokensPerSecond,
    long InputTokens,
    long OutputTokens,
    double CostUsd,
    double? CostPerRequestUsd,
    AnswerCacheView Cache)
{
    public static ModelStatsView Merge(ModelDefinition model, IReadOnlyList<ReplicaStats> replicas, int replicaCount)
    {
        var requests = replicas.Sum(r => r.Requests);
        var errors = replicas.SelectMany(r => r.ErrorsByKind)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        var cost = replicas.Sum(r => r.CostUsd);
        return new ModelStatsView(
            model.Id,
            replicaCount,
            requests,
            replicas.Sum(r => r.Succeeded),
            errors,
            requests == 0 ? 0 : errors.Values.Sum() / (double)requests,
            Quantiles.Of(replicas.SelectMany(r => r.TimeToFirstTokenMs).ToArray()),
            Quantiles.Of(replicas.SelectMany(r => r.InterTokenMs).ToArray()),
            Quantiles.Of(replicas.SelectMany(r => r.TokensPerSecond).ToArray()),
            replicas.Sum(r => r.InputTokens),
            replicas.Sum(r => r.OutputTokens),
            cost,
            requests == 0 ? null : cost / requests,
            new AnswerCacheView(
                model.CacheAnswers,
                replicas.Sum(r => r.CacheHits),
                replicas.Sum(r => r.CacheSavedInputTokens),
                replicas.Sum(r => r.CacheSavedOutputTokens),
                replicas.Sum(r => r.CacheSavedCostUsd)));
    }
}

/// <summary>
/// A model's answer cache since its replicas started: whether it opts in, answers replayed from the cache
/// (not counted in <c>requests</c>), and what they spared: the recorded answers' tokens, and their price when the
/// catalog has one (else 0).
/// </summary>
public sealed record AnswerCacheView(bool Enabled, long Hits, long SavedInputTokens, long SavedOutputTokens, double SavedCostUsd);

/// <summary>The median and 95th percentile of recent samples, or nulls when there are none.</summary>
public sealed record Quantiles(double? P50, double? P95, int Samples)
{
    public static Quantiles Of(IReadOnlyCollection<double> samples) =>
        new(SampleWindow.Percentile(samples, 0.50), SampleWindow.Percentile(samples, 0.95), samples.Count);
}
