using Arena.Storage.GroupCommit;

namespace Arena.Ratings.Ledger;

/// <summary>A group of counted votes into the ledger (and out of the outbox), in the database's group transaction; its result is the last seq.</summary>
internal sealed class LedgerAppendWrite(AdoNetVoteLedger ledger, IReadOnlyList<LedgerEntry> entries) : GroupedWrite<long>
{
    protected override Task<long> RunAsync(GroupTransaction transaction) => ledger.AppendAsync(transaction, entries);
}
