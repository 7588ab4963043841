using Arena.Storage;

namespace Arena.Ratings.Ledger;

/// <summary>Where the vote ledger lives: the same database as the grain state.</summary>
public sealed class VoteLedgerOptions
{
    public DatabaseKind Kind { get; set; } = DatabaseKind.Sqlite;

    public string ConnectionString { get; set; } = "";
}
