using Arena.Battles;

namespace Arena.Ratings;

/// <summary>
/// A vote as the leaderboard applies it; <see cref="BattleId"/> makes it idempotent. The voter is known only by
/// one-way hashes: of its session, of its client address (<see cref="ClientHash"/>, empty when unknown) and of
/// its first prompt (<see cref="PromptHash"/>), which the rigging detector reads.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VoteRecord(
    [property: Id(0)] Guid BattleId,
    [property: Id(1)] string ModelA,
    [property: Id(2)] string ModelB,
    [property: Id(3)] BattleOutcome Outcome,
    [property: Id(4)] string Category,
    [property: Id(5)] DateTimeOffset VotedAt,
    [property: Id(6)] BattleMode Mode = BattleMode.Anonymous,
    [property: Id(7)] string SessionHash = "",
    [property: Id(8)] string? ExcludedReason = null,
    [property: Id(20)] string ClientHash = "",
    [property: Id(21)] string PromptHash = "")
{
    /// <summary>Whether the vote moves ratings: anonymous, and not excluded.</summary>
    public bool Counts => Mode == BattleMode.Anonymous && ExcludedReason is null;
}
