using Arena.Battles;

namespace Arena.Ratings;

/// <summary>Online Elo and win/loss/tie counts for one view of the leaderboard (overall or a category).</summary>
[GenerateSerializer]
public sealed class RatingBoard
{
    [Id(0)]
    public Dictionary<string, StandingState> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The votes applied to this board.</summary>
    [Id(1)]
    public long Votes { get; set; }

    /// <summary>Wins and ties per pair: all Bradley–Terry needs, whatever the number of votes.</summary>
    [Id(2)]
    public PairwiseCounts Counts { get; set; } = new();

    /// <summary>Applies one counted vote; returns both models' ratings after it and the changes.</summary>
    public (RatingChange A, RatingChange B) Apply(VoteRecord vote, EloOptions options)
    {
        var a = Standing(vote.ModelA, options);
        var b = Standing(vote.ModelB, options);
        var (newA, newB) = Elo.Update(a.Rating, b.Rating, Elo.ScoreOfA(vote.Outcome, options), options);
        var changes = (new RatingChange(vote.ModelA, newA, newA - a.Rating), new RatingChange(vote.ModelB, newB, newB - b.Rating));
        a.Rating = newA;
        b.Rating = newB;
        switch (vote.Outcome)
        {
            case BattleOutcome.A:
                a.Wins++;
                b.Losses++;
                break;
            case BattleOutcome.B:
                a.Losses++;
                b.Wins++;
                break;
            default:
                a.Ties++;
                b.Ties++;
                break;
        }

        Votes++;
        Counts.Add(vote.ModelA, vote.ModelB, vote.Outcome);
        return changes;
    }

    /// <summary>A model's current rating (the initial one if it has no votes yet), with no change.</summary>
    public RatingChange Current(string model, EloOptions options) =>
        new(model, Models.TryGetValue(model, out var s) ? s.Rating : options.InitialRating, 0);

    /// <summary>A deep copy, changed freely until a batch is durable.</summary>
    public RatingBoard Clone() => new()
    {
        Models = Models.ToDictionary(m => m.Key, m => m.Value.Clone(), StringComparer.Ordinal),
        Votes = Votes,
        Counts = Counts.Clone(),
    };

    private StandingState Standing(string model, EloOptions options)
    {
        if (!Models.TryGetValue(model, out var standing))
        {
            standing = new StandingState { Rating = options.InitialRating };
            Models[model] = standing;
        }

        return standing;
    }
}
