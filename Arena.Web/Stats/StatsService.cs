using Arena.Battles;
using Arena.Models;
using Arena.Ratings;
using Arena.Web.Models;
using Arena.Web.Moderation;

namespace Arena.Web.Stats;

/// <summary>Gathers <see cref="ArenaStats"/> from the battle counters, the leaderboard and the models' replicas.</summary>
public sealed class StatsService(IClusterClient client, ModelCatalog catalog, ModelService models, PromptModeration moderation, TimeProvider time)
{
    /// <summary>How many UTC days, today included, the engagement series covers.</summary>
    public const int Days = 30;

    public async Task<ArenaStats> GetAsync()
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var countsTask = client.GetGrain<IBattleStatsGrain>(0).GetAsync(today.AddDays(1 - Days), today);
        var boardTask = client.GetGrain<ILeaderboardGrain>(0).GetAsync();
        var servingTask = Task.WhenAll(catalog.All.Select(m => models.StatsAsync(m.Id)));
        var moderationTask = moderation.GetCountsAsync(today.AddDays(1 - Days), today);
        var (counts, board, serving, moderated) = (await countsTask, await boardTask, await servingTask, await moderationTask);

        var engagement = new Engagement(
            counts.TotalStarted,
            counts.TotalVoted,
            Share(counts.TotalVoted, counts.TotalStarted),
            counts.Days.Select(d => new EngagementDay(d.Day, d.Started, d.Votes, d.StartedAndVoted, Share(d.StartedAndVoted, d.Started))).ToArray());

        var standings = board.Models.ToDictionary(m => m.Model, StringComparer.Ordinal);
        var usage = catalog.All.Zip(serving, (model, stats) =>
        {
            var s = standings.GetValueOrDefault(model.Id);
            var battles = s?.Votes ?? 0;
            return new ModelUsage(
                model.Id,
                model.InArena,
                battles,
                s?.Wins ?? 0,
                s?.Losses ?? 0,
                s?.Ties ?? 0,
                WinRate.Of(s?.Wins ?? 0, s?.Ties ?? 0, battles),
                stats.Requests,
                stats.TimeToFirstTokenMs.P50,
                stats.TimeToFirstTokenMs.P95,
                stats.TokensPerSecond.P50,
                stats.InputTokens,
                stats.OutputTokens,
                stats.CostUsd,
                stats.CostPerRequestUsd,
                stats.Cache.Hits,
                stats.Cache.SavedInputTokens,
                stats.Cache.SavedOutputTokens,
                stats.Cache.SavedCostUsd);
        }).ToArray();
        var moderationStats = new ModerationStats(moderation.Sources, moderation.FailClosed, moderated.Flagged, moderated.Unavailable,
            moderated.Days.Select(d => new ModerationDay(d.Day, d.Flagged, d.Unavailable)).ToArray());
        return new ArenaStats(now, engagement, usage, moderationStats);
    }

    private static double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
