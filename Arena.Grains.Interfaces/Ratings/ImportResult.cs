namespace Arena.Ratings;

/// <summary>What an import added to the vote ledger: rows appended, rows already there, and the ledger's last sequence number.</summary>
[GenerateSerializer, Immutable]
public sealed record ImportResult(
    [property: Id(0)] long Imported,
    [property: Id(1)] long SkippedDuplicates,
    [property: Id(2)] long LastSeq);
