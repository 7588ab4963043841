using Arena.Models;
using Arena.Ratings;
using Arena.Routing;

namespace Arena.Assistant.Tools;

/// <summary>The values arena tools offer as enums: the configured model ids and the query categories.</summary>
public sealed class ArenaToolChoices(ModelCatalog catalog)
{
    /// <summary>The category battles get when the router gives none.</summary>
    public const string DefaultCategory = "general";

    /// <summary>Model ids, in catalog order.</summary>
    public IReadOnlyList<string> ModelIds { get; } = catalog.All.Select(m => m.Id).ToArray();

    /// <summary>"overall" first (the default a model picks), then the router's arena categories and the default one.</summary>
    public IReadOnlyList<string> Categories { get; } =
    [
        LeaderboardSnapshot.Overall,
        .. RouteExamples.LoadBuiltIn().Where(e => e.Route == Routes.Arena).Select(e => e.Category)
            .Append(DefaultCategory).Distinct(StringComparer.Ordinal),
    ];

    /// <summary>The category named in the arguments (overall when absent); ToolException for one that does not exist.</summary>
    public async Task<string> CategoryAsync(ToolArguments arguments, ILeaderboardGrain leaderboard)
    {
        var category = arguments.OptionalString("category") ?? LeaderboardSnapshot.Overall;
        if (Categories.Contains(category, StringComparer.Ordinal))
        {
            return category;
        }

        var voted = await leaderboard.GetCategoriesAsync();
        return voted.Contains(category, StringComparer.Ordinal)
            ? category
            : throw new ToolException($"There is no category '{category}'. The categories are: {string.Join(", ", Categories.Union(voted, StringComparer.Ordinal))}.");
    }

    /// <summary>A model id from the arguments; ToolException naming the valid ids for one that is unknown.</summary>
    public string Model(ToolArguments arguments, string name, LeaderboardSnapshot board)
    {
        var model = arguments.RequiredString(name);
        var known = ModelIds.Union(board.Models.Select(m => m.Model), StringComparer.Ordinal).ToArray();
        return known.Contains(model, StringComparer.Ordinal)
            ? model
            : throw new ToolException($"There is no model '{model}'. The models are: {string.Join(", ", known)}.");
    }
}
