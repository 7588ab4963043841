using Arena.Battles;

namespace Arena.Ratings;

/// <summary>The singleton leaderboard (key 0): applies each vote once and serves standings.</summary>
public interface ILeaderboardGrain : IGrainWithIntegerKey
{
    /// <summary>Applies a vote once per battle id; a repeat returns the first result unchanged.</summary>
    Task<VoteReveal> RecordVoteAsync(VoteRecord vote);

    /// <summary>The current standings, best first.</summary>
    [ReadOnly]
    Task<LeaderboardSnapshot> GetAsync();
}
