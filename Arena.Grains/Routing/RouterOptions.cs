using System.ComponentModel.DataAnnotations;

namespace Arena.Routing;

/// <summary>Tuning of the semantic router.</summary>
public sealed class RouterOptions
{
    public const string Section = "Arena:Router";

    /// <summary>How many nearest examples of a category are averaged into its score.</summary>
    [Range(1, 20)]
    public int TopK { get; set; } = 3;

    /// <summary>Below this confidence a message goes to the arena.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.35;

    /// <summary>The longest message accepted, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 8_000;
}
