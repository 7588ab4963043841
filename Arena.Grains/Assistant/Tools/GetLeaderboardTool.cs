using System.Text.Json;
using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary><c>get_leaderboard</c>: the standings, overall or for one category.</summary>
public sealed class GetLeaderboardTool(IGrainFactory grains, ArenaToolChoices choices) : IAssistantTool
{
    public string Name => "get_leaderboard";

    public string Description =>
        "The arena leaderboard ranking: for each model its rank, Elo rating, Bradley-Terry rating with 95% confidence interval, votes and win rate. Optionally for one query category.";

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => new ToolSchema()
        .String("category", "The query category; overall (all votes) when omitted.", choices.Categories)
        .Build();

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        var leaderboard = grains.GetGrain<ILeaderboardGrain>(0);
        var category = await choices.CategoryAsync(new ToolArguments(arguments), leaderboard);
        var board = await leaderboard.GetAsync(category).WaitAsync(cancellationToken);
        return ToolJson.Write(new
        {
            category = board.Category,
            total_votes = board.TotalVotes,
            bradley_terry_computed_at = board.ComputedAt,
            models = board.Models.Select((m, i) => StandingResult.From(m, i + 1)),
        });
    }
}
