using Arena.Ratings;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Arena.Web.Ledger;

/// <summary>A malformed row of an import: its 1-based line and what is wrong with it.</summary>
public sealed record ImportError(long Line, string Error);

/// <summary>How an import ended: committed, or refused because of malformed rows (nothing imported).</summary>
public sealed record ImportOutcome(ImportResult? Imported, IReadOnlyList<ImportError> Errors, long ErrorCount, long Rows);

/// <summary>Raised when appending or completing an import fails; nothing was imported.</summary>
public sealed class ImportFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Imports a battle file: validates every row as the body streams in and hands the rows to the leaderboard in chunks
/// (the next chunk is read while the last one is written); only if every row is valid does it complete the import,
/// which makes all of it count at once. Otherwise the leaderboard deletes what it had, which nobody ever saw.
/// </summary>
public sealed partial class BattleImporter(IClusterClient client, TimeProvider time, IOptions<ImportOptions> options, ILogger<BattleImporter> logger)
{
    /// <summary>The malformed rows listed in a refusal; the rest are only counted.</summary>
    public const int MaxListedErrors = 100;

    public async Task<ImportOutcome> ImportAsync(Stream body, BattleFormat format, CancellationToken cancellationToken)
    {
        var chunkRows = options.Value.ChunkRows;
        var import = new ChunkSender(client.GetGrain<ILeaderboardGrain>(0), Guid.NewGuid());
        var errors = new List<ImportError>();
        long errorCount = 0;
        long rows = 0;
        var chunk = new List<VoteRecord>(chunkRows);
        var stage = "appending the rows to the ledger";
        try
        {
            await foreach (var row in BattleFileReader.ReadAsync(body, format, time.GetUtcNow(), cancellationToken))
            {
                rows++;
                if (row.Vote is null)
                {
                    if (errorCount++ == 0)
                    {
                        await import.AbortAsync(); // nothing will be imported; keep validating for the report
                        chunk.Clear();
                    }

                    if (errorCount <= MaxListedErrors)
                    {
                        errors.Add(new ImportError(row.Line, row.Error ?? "malformed"));
                    }

                    continue;
                }

                if (errorCount > 0)
                {
                    continue;
                }

                chunk.Add(row.Vote);
                if (chunk.Count == chunkRows)
                {
                    await import.SendAsync(chunk);
                }
            }

            if (errorCount > 0 || rows == 0)
            {
                return new ImportOutcome(null, errors, errorCount, rows);
            }

            if (chunk.Count > 0)
            {
                await import.SendAsync(chunk);
            }

            stage = "completing the import";
            var result = await import.CompleteAsync();
            return new ImportOutcome(result, [], 0, rows);
        }
        catch (Exception ex)
        {
            await AbortQuietlyAsync(import);
            if (ex is OperationCanceledException or BadHttpRequestException || (ex is ArenaException && !import.Started))
            {
                throw;
            }

            throw new ImportFailedException($"The import failed while {stage}: {ex.Message}. Nothing was imported; send the file again.", ex);
        }
    }

    private async Task AbortQuietlyAsync(ChunkSender import)
    {
        try
        {
            await import.AbortAsync();
        }
        catch (Exception ex)
        {
            // Its rows stay pending, which no reader counts; the leaderboard deletes them before the next import.
            LogAbortFailed(logger, ex, import.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed import {ImportId} could not be abandoned; its rows stay pending until the next import")]
    private static partial void LogAbortFailed(ILogger logger, Exception exception, Guid importId);

    /// <summary>One import's chunks on their way to the leaderboard, in order, with one in flight while the next is read.</summary>
    private sealed class ChunkSender(ILeaderboardGrain leaderboard, Guid id)
    {
        private Task? _inFlight;
        private int _next;
        private bool _abandoned;

        public Guid Id { get; } = id;

        public bool Started { get; private set; }

        /// <summary>Sends the rows as the next chunk (taking them: the list is cleared) once the one before is written.</summary>
        public async Task SendAsync(List<VoteRecord> rows)
        {
            if (!Started)
            {
                await leaderboard.BeginImportAsync(Id);
                Started = true;
            }

            await WaitAsync();
            var votes = rows.ToArray();
            rows.Clear();
            _inFlight = leaderboard.ImportChunkAsync(Id, _next++, new Immutable<VoteRecord[]>(votes));
        }

        public async Task<ImportResult> CompleteAsync()
        {
            await WaitAsync();
            return await leaderboard.CompleteImportAsync(Id);
        }

        public async Task AbortAsync()
        {
            if (!Started || _abandoned)
            {
                return;
            }

            _abandoned = true;
            try
            {
                await WaitAsync();
            }
            catch (Exception)
            {
                // The chunk's failure already abandoned the import in the leaderboard; deleting again is harmless.
            }

            await leaderboard.AbortImportAsync(Id);
        }

        private async Task WaitAsync()
        {
            if (_inFlight is { } inFlight)
            {
                _inFlight = null;
                await inFlight;
            }
        }
    }
}
