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
    double? CostPerRequestUsd)
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
            requests == 0 ? null : cost / requests);
    }
}

/// <summary>The median and 95th percentile of recent samples, or nulls when there are none.</summary>
public sealed record Quantiles(double? P50, double? P95, int Samples)
{
    public static Quantiles Of(IReadOnlyCollection<double> samples) =>
        new(SampleWindow.Percentile(samples, 0.50), SampleWindow.Percentile(samples, 0.95), samples.Count);
}
