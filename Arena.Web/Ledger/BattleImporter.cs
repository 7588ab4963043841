using Arena.Ratings;
using Arena.Ratings.Ledger;

namespace Arena.Web.Ledger;

/// <summary>A malformed row of an import: its 1-based line and what is wrong with it.</summary>
public sealed record ImportError(long Line, string Error);

/// <summary>How an import ended: committed, or refused because of malformed rows (nothing imported).</summary>
public sealed record ImportOutcome(ImportResult? Imported, IReadOnlyList<ImportError> Errors, long ErrorCount, long Rows);

/// <summary>Raised when staging or committing an import fails; nothing was imported.</summary>
public sealed class ImportFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Imports a battle file: validates every row as the body streams in, stages the rows in batches, and —
/// only if every row is valid — has the leaderboard move them into the ledger in one transaction.
/// </summary>
public sealed partial class BattleImporter(IVoteLedger ledger, IClusterClient client, TimeProvider time, ILogger<BattleImporter> logger)
{
    /// <summary>The malformed rows listed in a refusal; the rest are only counted.</summary>
    public const int MaxListedErrors = 100;

    private const int StageBatch = 5_000;

    public async Task<ImportOutcome> ImportAsync(Stream body, BattleFormat format, CancellationToken cancellationToken)
    {
        var importId = Guid.NewGuid();
        var errors = new List<ImportError>();
        long errorCount = 0;
        long rows = 0;
        var batch = new List<StagedBattle>(StageBatch);
        var stage = "staging the rows";
        try
        {
            await foreach (var row in BattleFileReader.ReadAsync(body, format, time.GetUtcNow(), cancellationToken))
            {
                rows++;
                if (row.Vote is null)
                {
                    if (errorCount++ < MaxListedErrors)
                    {
                        errors.Add(new ImportError(row.Line, row.Error ?? "malformed"));
                    }

                    continue;
                }

                if (errorCount > 0)
                {
                    continue; // nothing will be imported; keep validating for the report
                }

                batch.Add(new StagedBattle(row.Line, row.Vote));
                if (batch.Count == StageBatch)
                {
                    await ledger.StageAsync(importId, batch, cancellationToken);
                    batch.Clear();
                }
            }

            if (errorCount > 0 || rows == 0)
            {
                await ledger.DiscardImportAsync(importId, CancellationToken.None);
                return new ImportOutcome(null, errors, errorCount, rows);
            }

            await ledger.StageAsync(importId, batch, cancellationToken);
            stage = "committing the rows to the ledger";
            var result = await client.GetGrain<ILeaderboardGrain>(0).ImportAsync(importId);
            return new ImportOutcome(result, [], 0, rows);
        }
        catch (Exception ex)
        {
            await DiscardAsync(importId);
            if (ex is OperationCanceledException or BadHttpRequestException)
            {
                throw;
            }

            throw new ImportFailedException($"The import failed while {stage}: {ex.Message}. Nothing was imported; send the file again.", ex);
        }
    }

    private async Task DiscardAsync(Guid importId)
    {
        try
        {
            await ledger.DiscardImportAsync(importId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The ledger is untouched either way; staged rows of a failed import are only clutter.
            LogDiscardFailed(logger, ex, importId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The staged rows of failed import {ImportId} could not be deleted")]
    private static partial void LogDiscardFailed(ILogger logger, Exception exception, Guid importId);
}
