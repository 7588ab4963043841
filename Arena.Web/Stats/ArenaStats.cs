using System.Text.Json.Serialization;

namespace Arena.Web.Stats;

/// <summary>
/// <c>GET /api/stats</c>: the operators' statistics. <see cref="Engagement"/> counts battles per UTC day
/// (durable); <see cref="Models"/> joins each model's rated battles from the leaderboard with its serving
/// statistics (in memory on the replicas, since their activation); <see cref="Moderation"/> counts refused prompts (durable).
/// </summary>
public sealed record ArenaStats(
    [property: JsonPropertyName("generated_at")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("engagement")] Engagement Engagement,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelUsage> Models,
    [property: JsonPropertyName("moderation")] ModerationStats Moderation);

/// <summary>
/// Battles started and voted on: all-time totals and the last <see cref="StatsService.Days"/> UTC days,
/// oldest first. <c>voted_share</c> is the share of battles started that got a vote (null with no battles).
/// </summary>
public sealed record Engagement(
    [property: JsonPropertyName("battles_started")] long BattlesStarted,
    [property: JsonPropertyName("votes")] long Votes,
    [property: JsonPropertyName("voted_share")] double? VotedShare,
    [property: JsonPropertyName("days")] IReadOnlyList<EngagementDay> Days);

/// <summary>
/// One UTC day: battles started, votes cast, and how many of that day's battles got a vote (whenever it
/// came); <c>voted_share</c> = voted_battles / battles_started, null when none started.
/// </summary>
public sealed record EngagementDay(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("battles_started")] long BattlesStarted,
    [property: JsonPropertyName("votes")] long Votes,
    [property: JsonPropertyName("voted_battles")] long VotedBattles,
    [property: JsonPropertyName("voted_share")] double? VotedShare);

/// <summary>
/// One configured model. <c>battles</c>, <c>wins</c>, <c>losses</c>, <c>ties</c> count rated votes (blind,
/// not excluded); <c>win_rate</c> is wins plus half the ties over battles (<see cref="Ratings.WinRate"/>), null without battles. Latency,
/// throughput and cost come from the model's replicas since they started: <c>cost_per_query_usd</c> is the
/// catalog prices × the input and output tokens, per request; nulls mean no samples yet. Answers replayed
/// from the answer cache are <c>cache_hits</c>, not requests, with the tokens they spared and those tokens'
/// price (0 without catalog prices).
/// </summary>
public sealed record ModelUsage(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("in_arena")] bool InArena,
    [property: JsonPropertyName("battles")] int Battles,
    [property: JsonPropertyName("wins")] int Wins,
    [property: JsonPropertyName("losses")] int Losses,
    [property: JsonPropertyName("ties")] int Ties,
    [property: JsonPropertyName("win_rate")] double? WinRate,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("ttft_ms_p50")] double? TtftMsP50,
    [property: JsonPropertyName("ttft_ms_p95")] double? TtftMsP95,
    [property: JsonPropertyName("tokens_per_second_p50")] double? TokensPerSecondP50,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost_usd")] double CostUsd,
    [property: JsonPropertyName("cost_per_query_usd")] double? CostPerQueryUsd,
    [property: JsonPropertyName("cache_hits")] long CacheHits = 0,
    [property: JsonPropertyName("cache_saved_input_tokens")] long CacheSavedInputTokens = 0,
    [property: JsonPropertyName("cache_saved_output_tokens")] long CacheSavedOutputTokens = 0,
    [property: JsonPropertyName("cache_saved_cost_usd")] double CacheSavedCostUsd = 0);
