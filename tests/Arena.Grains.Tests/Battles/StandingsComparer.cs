using Arena.Ratings;

namespace Arena.Grains.Tests.Battles;

/// <summary>Compares leaderboards by content (records holding lists compare by reference).</summary>
public sealed class StandingsComparer : IEqualityComparer<LeaderboardSnapshot>
{
    public static readonly StandingsComparer Instance = new();

    public bool Equals(LeaderboardSnapshot? x, LeaderboardSnapshot? y) =>
        x is not null && y is not null && x.TotalVotes == y.TotalVotes && x.Models.SequenceEqual(y.Models);

    public int GetHashCode(LeaderboardSnapshot obj) => obj.TotalVotes.GetHashCode();
}
