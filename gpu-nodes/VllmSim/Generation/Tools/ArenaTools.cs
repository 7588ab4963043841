namespace VllmSim.Generation.Tools;

/// <summary>The function names of Arena's assistant tools, which the simulated model knows how to use well.</summary>
internal static class ArenaTools
{
    public const string DescribeDataset = "describe_dataset";
    public const string ColumnStats = "column_stats";
    public const string MissingValues = "missing_values";
    public const string FilterCount = "filter_count";
    public const string GroupBy = "group_by";
    public const string TopRows = "top_rows";
    public const string Correlation = "correlation";
    public const string GetLeaderboard = "get_leaderboard";
    public const string GetModelStats = "get_model_stats";
    public const string HeadToHead = "head_to_head";
    public const string VoteCounts = "vote_counts";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        DescribeDataset, ColumnStats, MissingValues, FilterCount, GroupBy, TopRows, Correlation,
        GetLeaderboard, GetModelStats, HeadToHead, VoteCounts,
    };
}
