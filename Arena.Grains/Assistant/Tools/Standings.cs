using Arena.Ratings;

namespace Arena.Assistant.Tools;

/// <summary>A model's standing as arena tools report it.</summary>
public sealed record StandingResult(
    int Rank, string Model, double Elo, int Votes, int Wins, int Losses, int Ties, double? WinRate, BradleyTerryResult? BradleyTerry)
{
    public static StandingResult From(ModelStanding s, int rank) => new(
        rank,
        s.Model,
        Math.Round(s.Rating, 1),
        s.Votes,
        s.Wins,
        s.Losses,
        s.Ties,
        ToolJson.WinRate(s.Wins, s.Ties, s.Votes),
        s.BradleyTerry is { } bt ? new BradleyTerryResult(Math.Round(bt.Rating, 1), Math.Round(bt.Lower, 1), Math.Round(bt.Upper, 1), bt.RankUb, bt.Provisional) : null);
}

/// <summary>A Bradley–Terry rating with its bootstrap 95% interval and rank by upper bound.</summary>
public sealed record BradleyTerryResult(double Rating, double CiLower, double CiUpper, int RankUb, bool Provisional);
