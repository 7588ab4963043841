using System.Data.Common;
using System.Text.Json;
using Arena.Storage;
using Arena.Storage.GroupCommit;

namespace Arena.Ratings.Ledger;

/// <summary>A vote into the outbox, in the database's group transaction: a no-op when the battle already has one here or in the ledger.</summary>
internal sealed class VoteOutboxWrite(DatabaseKind kind, VoteRecord vote) : GroupedWrite<bool>
{
    // Serialized by the caller, so the one writer spends its time on the database only.
    private readonly object[] _values = [vote.BattleId.ToString("D"), ArenaDatabase.TimeValue(kind, vote.VotedAt), JsonSerializer.Serialize(vote)];

    private static readonly string[] Parameters = ["@battle_id", "@voted_at", "@vote"];

    // Reads the ledger without waiting on its writers: a vote is recorded even while an append holds the ledger.
    private const string Insert = """
        INSERT INTO arena_vote_outbox (battle_id, voted_at, vote)
        SELECT @battle_id, @voted_at, @vote
        WHERE NOT EXISTS (SELECT 1 FROM arena_vote_ledger WHERE battle_id = @battle_id)
        ON CONFLICT (battle_id) DO NOTHING
        """;

    /// <summary>True when the vote was added, false when the battle had one already.</summary>
    protected override async Task<bool> RunAsync(GroupTransaction transaction)
    {
        var command = transaction.Command(Insert, AddParameters);
        for (var i = 0; i < _values.Length; i++)
        {
            command.Parameters[i].Value = _values[i];
        }

        return await command.ExecuteNonQueryAsync() > 0;
    }

    private static void AddParameters(DbCommand command)
    {
        foreach (var name in Parameters)
        {
            ArenaDatabase.Parameter(command, name, DBNull.Value);
        }
    }
}
