using System.Text.Json;
using Arena.Models;
using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary><c>get_model_stats</c>: one model's ratings and record, overall and per category, and whether it is available.</summary>
public sealed class GetModelStatsTool(IGrainFactory grains, ArenaToolChoices choices, ModelCatalog catalog, ModelDirectory directory) : IAssistantTool
{
    public string Name => "get_model_stats";

    public string Description =>
        "Statistics of one model: its rank, Elo and Bradley-Terry rating, votes, wins, losses, ties and win rate, overall and per category, and whether it is available now.";

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
            serving = definition is null ? null : Serving(definition),
        });
    }

    private static StandingResult? StandingIn(LeaderboardSnapshot board, string model)
    {
        var rank = board.Models.ToList().FindIndex(m => m.Model == model);
        return rank < 0 ? null : StandingResult.From(board.Models[rank], rank + 1);
    }

    /// <summary>
    /// Whether the model can answer now. Request counts, latency and cost are for operators: they change
    /// as battles start, so a public assistant showing them would tell a watcher who is answering.
    /// </summary>
    private object Serving(ModelDefinition model) => new
    {
        availability = directory.StateOf(model).Availability == ModelAvailability.Unavailable ? "unavailable" : "available",
    };
}
