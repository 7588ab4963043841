namespace Arena.Ratings;

/// <summary>
/// A voter the rigging detector flagged: <see cref="Voter"/> is <c>session:&lt;hash&gt;</c> or <c>client:&lt;hash&gt;</c>.
/// While the flag is active (not cleared) every vote of that voter is quarantined: in the ledger, not rated.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuarantineFlag(
    [property: Id(0)] string Voter,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset FlaggedAt,
    [property: Id(3)] DateTimeOffset? ClearedAt = null)
{
    public const string SessionPrefix = "session:";
    public const string ClientPrefix = "client:";

    public bool Active => ClearedAt is null;
}

/// <summary>A flagged voter with its votes in the ledger: how many, and the first battle ids.</summary>
[GenerateSerializer, Immutable]
public sealed record QuarantinedVoter(
    [property: Id(0)] QuarantineFlag Flag,
    [property: Id(1)] long Votes,
    [property: Id(2)] IReadOnlyList<Guid> Battles);

/// <summary>The quarantine: every flag, active and cleared, and how many ledger rows it holds back now.</summary>
[GenerateSerializer, Immutable]
public sealed record QuarantineReport(
    [property: Id(0)] IReadOnlyList<QuarantinedVoter> Voters,
    [property: Id(1)] long QuarantinedVotes);

/// <summary>What clearing a flag did: the votes it gave back to the ratings (those no other flag holds).</summary>
[GenerateSerializer, Immutable]
public sealed record QuarantineCleared(
    [property: Id(0)] string Voter,
    [property: Id(1)] long RestoredVotes,
    [property: Id(2)] long QuarantinedVotes);
