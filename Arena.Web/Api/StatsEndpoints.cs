using Arena.Hosting.Operators;
using Arena.Web.Stats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arena.Web.Api;

/// <summary>The operators' statistics API.</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", async Task<Ok<ArenaStats>> (StatsService stats) => TypedResults.Ok(await stats.GetAsync()))
            .WithTags("Statistics")
            .RequireOperator()
            .WithName("GetStats")
            .WithSummary("Engagement per day and usage per model")
            .WithDescription($"engagement: battles started, votes and the share of battles voted on, in total and for each of the last {StatsService.Days} UTC days (durable counters). models: rated battles, wins and win rate from the leaderboard; TTFT p50/p95, tokens/s p50, tokens and cost per query from the replicas since they started. moderation: the checks that run and the prompts they refused (flagged) or could not check (unavailable), per source (blocklist, openai), in total and per day (durable counters). Rating history: /api/models/{{id}}/history.");
        return app;
    }
}
