namespace Arena.Routing;

/// <summary>The routing statistics as stored. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class RoutingStatsState
{
    /// <summary>Tallies keyed by <c>route/category</c>.</summary>
    [Id(0)]
    public Dictionary<string, CategoryTally> Categories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tallies keyed by UTC day.</summary>
    [Id(1)]
    public SortedDictionary<DateOnly, DayTally> Days { get; set; } = [];
}

/// <summary>Decisions of one category on one route.</summary>
[GenerateSerializer]
public sealed class CategoryTally
{
    [Id(0)]
    public string Route { get; set; } = "";

    [Id(1)]
    public string Category { get; set; } = "";

    [Id(2)]
    public long Count { get; set; }

    [Id(3)]
    public double ConfidenceSum { get; set; }

    [Id(4)]
    public long Overrides { get; set; }

    [Id(5)]
    public long[] Histogram { get; set; } = new long[RoutingStatsSnapshot.Buckets];
}

/// <summary>One day's decisions.</summary>
[GenerateSerializer]
public sealed class DayTally
{
    [Id(0)]
    public long Arena { get; set; }

    [Id(1)]
    public long Assistant { get; set; }

    [Id(2)]
    public long Overrides { get; set; }
}
