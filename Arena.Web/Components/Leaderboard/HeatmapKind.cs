namespace Arena.Web.Components.Leaderboard;

/// <summary>What a pairwise heatmap shows.</summary>
public enum HeatmapKind
{
    /// <summary>How often the row model beats the column model (ties as half).</summary>
    WinRate,

    /// <summary>How many battles the two models have had.</summary>
    Battles,
}
