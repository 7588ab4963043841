using System.Data.Common;

namespace Arena.Storage.GroupCommit;

/// <summary>
/// The transaction a group of writes shares. Writes of one kind share their commands too: each is prepared once
/// per transaction and rebound by every write that uses it.
/// </summary>
internal sealed class GroupTransaction(DatabaseKind kind, DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DatabaseKind Kind => kind;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>The command with this text in this transaction; <paramref name="addParameters"/> adds its parameters the first time.</summary>
    public DbCommand Command(string text, Action<DbCommand> addParameters)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            command = NewCommand(text);
            addParameters(command);
            _commands.Add(text, command);
        }

        return command;
    }

    /// <summary>A command of the caller's own in this transaction (the caller disposes it).</summary>
    public DbCommand NewCommand(string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }
}
