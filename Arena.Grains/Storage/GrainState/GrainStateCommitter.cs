using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Arena.Storage.GrainState;

/// <summary>
/// Writes grain states in groups: every write queued while the last transaction committed goes into the next one,
/// so a thousand grains saving at once cost a few commits, not a thousand. A write's task completes only after its
/// transaction commits (or fails), so a caller acknowledges nothing that is not durable. One writer connection,
/// kept open; on SQLite that is also the only way writes can go, one at a time.
/// </summary>
internal sealed partial class GrainStateCommitter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const string SqlitePragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    private readonly DatabaseKind _kind;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private DbConnection? _connection;
    private long _transactions;
    private int _queued;
    private int _committing;

    public GrainStateCommitter(DatabaseKind kind, string connectionString, ILogger logger)
    {
        (_kind, _connectionString, _logger) = (kind, connectionString, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (tests read it to see the grouping).</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes waiting for the next transaction.</summary>
    internal int Queued => Volatile.Read(ref _queued);

    /// <summary>Writes in the transaction under way.</summary>
    internal int Committing => Volatile.Read(ref _committing);

    /// <summary>
    /// Queues a write (<paramref name="payload"/> null clears the state) expecting the stored version to be
    /// <paramref name="expectedVersion"/> (null: no row yet). The new version, or null when the stored one differs.
    /// </summary>
    public Task<int?> WriteAsync(GrainStateKey key, int? expectedVersion, byte[]? payload)
    {
        var write = new PendingWrite(key, expectedVersion, payload);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(GrainStateCommitter), "Grain state can no longer be written: the silo is stopping.");
        }

        return write.Done.Task;
    }

    /// <summary>Commits what is queued, then closes the connection; later writes are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                Interlocked.Decrement(ref _queued);
                batch.Add(write);
            }

            Volatile.Write(ref _committing, batch.Count);
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad write must not fail the others: each gets its own transaction and its own answer.
                LogGroupFailed(_logger, ex, batch.Count);
                foreach (var write in batch)
                {
                    try
                    {
                        await CommitAsync([write]);
                    }
                    catch (Exception single)
                    {
                        await ResetAsync();
                        write.Done.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                await ResetAsync();
                batch[0].Done.TrySetException(ex);
            }

            Volatile.Write(ref _committing, 0);
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            _connection ??= await ArenaDatabase.OpenAsync(_kind, _connectionString, SqlitePragmas, CancellationToken.None);
            var versions = new int?[batch.Count];
            using (await SqliteWriteGate.EnterAsync(_kind, _connectionString))
            await using (var transaction = await _connection.BeginTransactionAsync())
            {
                await using var insert = Command(_connection, transaction, GrainStateSql.Insert, withVersion: false);
                await using var update = Command(_connection, transaction, GrainStateSql.Update(_kind), withVersion: true);
                for (var i = 0; i < batch.Count; i++)
                {
                    var write = batch[i];
                    var command = write.ExpectedVersion is null ? insert : update;
                    Bind(command, write);
                    versions[i] = await command.ExecuteScalarAsync() is { } version and not DBNull ? Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture) : null;
                }

                await transaction.CommitAsync();
                Interlocked.Increment(ref _transactions);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(versions[i]);
            }
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    private async Task ResetAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string text, bool withVersion)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        string[] names = withVersion ? ["@service", "@type", "@n0", "@n1", "@ext", "@version", "@payload"] : ["@service", "@type", "@n0", "@n1", "@ext", "@payload"];
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.Parameters["@payload"].DbType = System.Data.DbType.Binary;
        return command;
    }

    private static void Bind(DbCommand command, PendingWrite write)
    {
        var p = command.Parameters;
        p["@service"].Value = write.Key.ServiceId;
        p["@type"].Value = write.Key.StateName;
        p["@n0"].Value = write.Key.N0;
        p["@n1"].Value = write.Key.N1;
        p["@ext"].Value = write.Key.Extension;
        if (write.ExpectedVersion is { } version)
        {
            p["@version"].Value = version;
        }

        p["@payload"].Value = write.Payload is { } payload ? payload : DBNull.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} grain-state writes failed; writing each alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingWrite(GrainStateKey Key, int? ExpectedVersion, byte[]? Payload)
    {
        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
