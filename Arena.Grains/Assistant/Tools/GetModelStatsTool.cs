using System.Text.Json;
using Arena.Models;
using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary><c>get_model_stats</c>: one model's ratings and record, overall and per category, and how it is serving.</summary>
public sealed class GetModelStatsTool(IGrainFactory grains, ArenaToolChoices choices, ModelCatalog catalog, ModelDirectory directory, TimeProvider time) : IAssistantTool
{
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(2);

    public string Name => "get_model_stats";

    public string Description =>
        "Statistics of one model: its rank, Elo and Bradley-Terry rating, votes, wins, losses, ties and win rate, overall and per category, and its serving stats (requests, errors, latency, tokens, cost).";

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => new ToolSchema()
        .String("model", "The model's id.", choices.ModelIds, required: true)
        .Build();

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        var leaderboard = grains.GetGrain<ILeaderboardGrain>(0);
        var overall = await leaderboard.GetAsync().WaitAsync(cancellationToken);
        var model = choices.Model(new ToolArguments(arguments), "model", overall);
        var categories = await leaderboard.GetCategoriesAsync().WaitAsync(cancellationToken);
        var boards = await Task.WhenAll(categories.Select(c => leaderboard.GetAsync(c))).WaitAsync(cancellationToken);
        var definition = catalog.Find(model);
        return ToolJson.Write(new
        {
            model,
            display_name = definition?.Name,
            provider = definition?.Provider,
            simulated = definition?.Simulated,
            in_arena = definition?.InArena,
            overall = StandingIn(overall, model),
            total_votes_overall = overall.TotalVotes,
            by_category = boards.Select(b => (b.Category, Standing: StandingIn(b, model)))
                .Where(b => b.Standing is not null)
                .Select(b => new { category = b.Category, standing = b.Standing }),
            serving = definition is null ? null : await ServingAsync(definition, cancellationToken),
        });
    }

    private static StandingResult? StandingIn(LeaderboardSnapshot board, string model)
    {
        var rank = board.Models.ToList().FindIndex(m => m.Model == model);
        return rank < 0 ? null : StandingResult.From(board.Models[rank], rank + 1);
    }

    /// <summary>Request statistics merged over the model's replicas since they were activated; unreachable replicas count nothing.</summary>
    private async Task<object> ServingAsync(ModelDefinition model, CancellationToken cancellationToken)
    {
        var replicas = directory.ReplicasOf(model);
        var stats = (await Task.WhenAll(replicas.Select(async r =>
        {
            try
            {
                return await grains.GetGrain<IModelGrain>(r.GrainKey).GetStatsAsync().WaitAsync(ReplicaTimeout, time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return null;
            }
        }))).OfType<ReplicaStats>().ToArray();
        return new
        {
            availability = directory.StateOf(model).Availability.ToString().ToLowerInvariant(),
            replicas = replicas.Count,
            replicas_reporting = stats.Length,
            requests = stats.Sum(s => s.Requests),
            succeeded = stats.Sum(s => s.Succeeded),
            errors = stats.SelectMany(s => s.ErrorsByKind).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)),
            input_tokens = stats.Sum(s => s.InputTokens),
            output_tokens = stats.Sum(s => s.OutputTokens),
            cost_usd = Math.Round(stats.Sum(s => s.CostUsd), 6),
            median_ttft_ms = Median(stats.SelectMany(s => s.TimeToFirstTokenMs)),
            median_inter_token_ms = Median(stats.SelectMany(s => s.InterTokenMs)),
            median_tokens_per_second = Median(stats.SelectMany(s => s.TokensPerSecond)),
        };
    }

    private static double? Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var mid = sorted.Length / 2;
        return Math.Round(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 2);
    }
}
