using System.Text.Json;
using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary><c>head_to_head</c>: how two models did in battles against each other.</summary>
public sealed class HeadToHeadTool(IGrainFactory grains, ArenaToolChoices choices) : IAssistantTool
{
    public string Name => "head_to_head";

    public string Description =>
        "Head-to-head record of two models against each other: battles between them, each one's wins, the ties, and each one's win rate (ties count half). Optionally for one query category.";

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => new ToolSchema()
        .String("model_a", "The first model's id.", choices.ModelIds, required: true)
        .String("model_b", "The second model's id.", choices.ModelIds, required: true)
        .String("category", "The query category; overall when omitted.", choices.Categories)
        .Build();

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments);
        var leaderboard = grains.GetGrain<ILeaderboardGrain>(0);
        var category = await choices.CategoryAsync(args, leaderboard);
        var overall = await leaderboard.GetAsync().WaitAsync(cancellationToken);
        var a = choices.Model(args, "model_a", overall);
        var b = choices.Model(args, "model_b", overall);
        if (a == b)
        {
            throw new ToolException($"model_a and model_b are both '{a}'; choose two different models.");
        }

        var matrix = await leaderboard.GetMatrixAsync(category).WaitAsync(cancellationToken);
        var (i, j) = (IndexOf(matrix, a), IndexOf(matrix, b));
        var met = i >= 0 && j >= 0;
        var battles = met ? matrix.Battles[i][j] : 0;
        var aRate = i >= 0 && j >= 0 ? matrix.WinRates[i][j] : null;
        var bRate = i >= 0 && j >= 0 ? matrix.WinRates[j][i] : null;
        return ToolJson.Write(new
        {
            category = matrix.Category,
            model_a = a,
            model_b = b,
            battles,
            model_a_wins = met ? matrix.Wins[i][j] : 0,
            model_b_wins = met ? matrix.Wins[j][i] : 0,
            ties = met ? matrix.Ties[i][j] : 0,
            model_a_win_rate = Round(aRate),
            model_b_win_rate = Round(bRate),
            note = battles == 0 ? "These two models have not met in a rated battle yet." : "Win rates count a tie as half a win.",
        });
    }

    private static int IndexOf(PairMatrix matrix, string model) => matrix.Models.ToList().IndexOf(model);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
