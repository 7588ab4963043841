using System.Text.Json;
using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary><c>vote_counts</c>: how many votes the arena has, per model and per category.</summary>
public sealed class VoteCountsTool(IGrainFactory grains, ArenaToolChoices choices) : IAssistantTool
{
    public string Name => "vote_counts";

    public string Description =>
        "Counts of arena votes: the total, per model (votes, wins, losses, ties) and per query category. Optionally the per-model counts for one category.";

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => new ToolSchema()
        .String("category", "The category whose per-model counts to give; overall when omitted.", choices.Categories)
        .Build();

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        var leaderboard = grains.GetGrain<ILeaderboardGrain>(0);
        var category = await choices.CategoryAsync(new ToolArguments(arguments), leaderboard);
        var board = await leaderboard.GetAsync(category).WaitAsync(cancellationToken);
        var overall = category == LeaderboardSnapshot.Overall ? board : await leaderboard.GetAsync().WaitAsync(cancellationToken);
        var categories = await leaderboard.GetCategoriesAsync().WaitAsync(cancellationToken);
        var perCategory = await Task.WhenAll(categories.Select(async c => new
        {
            category = c,
            votes = (await leaderboard.GetAsync(c)).TotalVotes,
        })).WaitAsync(cancellationToken);
        return ToolJson.Write(new
        {
            total_votes = overall.TotalVotes,
            category = board.Category,
            category_votes = board.TotalVotes,
            per_model = board.Models.OrderByDescending(m => m.Votes).ThenBy(m => m.Model, StringComparer.Ordinal)
                .Select(m => new { model = m.Model, votes = m.Votes, wins = m.Wins, losses = m.Losses, ties = m.Ties }),
            per_category = perCategory.OrderByDescending(c => c.votes).ThenBy(c => c.category, StringComparer.Ordinal),
        });
    }
}
