using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>Online Elo parameters (configuration section <c>Arena:Ratings:Elo</c>).</summary>
public sealed class EloOptions
{
    public const string Section = "Arena:Ratings:Elo";

    /// <summary>The rating a model starts with.</summary>
    public double InitialRating { get; set; } = 1500;

    /// <summary>The largest change one vote can make.</summary>
    [Range(double.Epsilon, 1000)]
    public double K { get; set; } = 32;

    /// <summary>The base of the logistic expectation.</summary>
    [Range(1.000001, 1000)]
    public double Base { get; set; } = 10;

    /// <summary>The rating difference at which the stronger model is expected to win Base:1.</summary>
    [Range(double.Epsilon, 100_000)]
    public double Scale { get; set; } = 400;

    /// <summary>The score each side gets for a tie.</summary>
    [Range(0, 1)]
    public double TieScore { get; set; } = 0.5;

    /// <summary>The score each side gets when both answers are bad.</summary>
    [Range(0, 1)]
    public double BothBadScore { get; set; } = 0.5;
}
