using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Arena.Storage.GroupCommit;

/// <summary>
/// Commits writes in groups: every write queued while the last transaction committed goes into the next one, so a
/// thousand writers at once cost a few commits, not a thousand. A write's task completes only after its transaction
/// commits (or fails), so a caller acknowledges nothing that is not durable. One writer connection, kept open; on
/// SQLite that is also the only way writes can go, one at a time, so writers sharing a committer never wait on
/// each other's locks.
/// </summary>
internal sealed partial class GroupCommitter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    /// <summary>
    /// Every commit reaches the disk before its writes are answered (WAL with synchronous=FULL: the WAL is synced at
    /// each commit). NORMAL would sync only at checkpoints, so a power cut could lose acknowledged writes.
    /// </summary>
    private const string SqlitePragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    private readonly DatabaseKind _kind;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Channel<GroupedWrite> _queue = Channel.CreateUnbounded<GroupedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private DbConnection? _connection;
    private long _transactions;
    private int _queued;
    private int _committing;

    public GroupCommitter(DatabaseKind kind, string connectionString, ILogger logger)
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

    /// <summary>Queues a write; its task completes once the write is durable.</summary>
    public Task<T> WriteAsync<T>(GroupedWrite<T> write)
    {
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(GroupCommitter), "Nothing more can be written to the database: the silo is stopping.");
        }

        return write.Done;
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
        var batch = new List<GroupedWrite>(MaxBatch);
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
                        write.Fail(single);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Fail(ex);
            }

            Volatile.Write(ref _committing, 0);
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<GroupedWrite> batch)
    {
        try
        {
            _connection ??= await ArenaDatabase.OpenAsync(_kind, _connectionString, SqlitePragmas, CancellationToken.None);
            using (await SqliteWriteGate.EnterAsync(_kind, _connectionString))
            await using (var transaction = await _connection.BeginTransactionAsync())
            {
                await using (var group = new GroupTransaction(_kind, _connection, transaction))
                {
                    foreach (var write in batch)
                    {
                        await write.ExecuteAsync(group);
                    }
                }

                await transaction.CommitAsync();
                Interlocked.Increment(ref _transactions);
            }

            // Before anyone hears of it: a caller that writes again next sees this transaction over.
            Volatile.Write(ref _committing, 0);
            foreach (var write in batch)
            {
                write.Complete();
            }
        }
        catch
        {
            // The connection may be broken: the next transaction opens a new one.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} database writes failed; writing each alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);
}
