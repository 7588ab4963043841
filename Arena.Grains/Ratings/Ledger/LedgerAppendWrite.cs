using Arena.Storage.GroupCommit;

namespace Arena.Ratings.Ledger;

/// <summary>A group of counted votes of writer <c>epoch</c> into the ledger (and out of the outbox), in the database's group transaction; its result is the last seq.</summary>
internal sealed class LedgerAppendWrite(AdoNetVoteLedger ledger, long epoch, IReadOnlyList<LedgerEntry> entries) : GroupedWrite<long>
{
    protected override Task<long> RunAsync(GroupTransaction transaction) => ledger.AppendAsync(transaction, epoch, entries);
}
