using Arena.Ratings.Ledger;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>
/// Imports, chunk by chunk: each chunk is one short ledger transaction of pending rows (votes are committed between
/// chunks, so none waits long), rated on the import's own boards in ledger order; completing it is one short
/// transaction, after which those boards become the live ones. Until then nothing of it is visible, and an import
/// that fails or is abandoned is deleted.
/// </summary>
public sealed partial class LeaderboardGrain
{
    /// <summary>An import that sends nothing for this long is abandoned (its web host died, say) and deleted.</summary>
    private static readonly TimeSpan ImportIdleLimit = TimeSpan.FromMinutes(2);

    private ImportSession? _import;

    public async Task BeginImportAsync(Guid importId)
    {
        ThrowIfFenced();
        await AbortIfIdleAsync();
        await _writing.WaitAsync();
        try
        {
            if (_import is not null)
            {
                throw ArenaException.Conflict("Another import is running; send the file again once it has finished.");
            }

            // Left by an import whose process died, or whose deletion failed: none can still be running.
            await Task.Run(() => ledger.DiscardImportAsync(_epoch, null));
            _import = new ImportSession(importId, CloneBoards(), time.GetUtcNow());
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task ImportChunkAsync(Guid importId, int index, Immutable<VoteRecord[]> votes)
    {
        var import = Session(importId);
        if (index != import.NextChunk)
        {
            await AbortAsync(import);
            throw new InvalidOperationException($"Import chunk {index} arrived where chunk {import.NextChunk} was expected; the import is abandoned.");
        }

        import.NextChunk++;
        import.Touch(time.GetUtcNow());
        await _writing.WaitAsync();
        try
        {
            var fresh = new List<VoteRecord>(votes.Value.Length);
            foreach (var vote in votes.Value)
            {
                if (import.Seen.Add(vote.BattleId))
                {
                    fresh.Add(vote);
                }
                else
                {
                    import.Skipped++;
                }
            }

            if (fresh.Count > 0)
            {
                await AppendChunkAsync(import, fresh);
            }
        }
        catch (Exception ex)
        {
            _writing.Release();
            LogImportFailed(logger, ex, importId);
            await AbortAsync(import);
            if (ex is LedgerFencedException fenced)
            {
                throw Fenced(fenced);
            }

            throw;
        }

        _writing.Release();
    }

    public async Task<ImportResult> CompleteImportAsync(Guid importId)
    {
        var import = Session(importId);
        await _writing.WaitAsync();
        try
        {
            if (import.Imported > 0)
            {
                await Task.Run(() => ledger.CompleteImportAsync(_epoch, importId));
            }

            _import = null;
            if (import.Imported > 0)
            {
                if (import.RebuiltMeanwhile)
                {
                    await RebuildAsync(_quarantineVersion);
                }
                else
                {
                    state.State.Overall = import.Shadow.Overall;
                    state.State.Categories = import.Shadow.Categories;
                    state.State.LastSeq = Math.Max(state.State.LastSeq, import.Shadow.LastSeq);
                }

                ScheduleRecompute();
            }

            LogImported(logger, import.Imported, import.Skipped, state.State.LastSeq);
            return new ImportResult(import.Imported, import.Skipped, state.State.LastSeq);
        }
        catch (Exception ex)
        {
            // Whether the completing transaction committed is unknown: the next activation replays the ledger from
            // the checkpoint before the import, which is right either way.
            _import = null;
            LogImportFailed(logger, ex, importId);
            DeactivateOnIdle();
            if (ex is LedgerFencedException fenced)
            {
                throw Fenced(fenced);
            }

            throw;
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task AbortImportAsync(Guid importId)
    {
        if (_import is { } import && import.Id == importId)
        {
            await AbortAsync(import);
        }
    }

    /// <summary>Rates the chunk on the import's boards and appends it; battles found already in the ledger are skipped.</summary>
    private async Task AppendChunkAsync(ImportSession import, List<VoteRecord> votes)
    {
        // Rated and written on the thread pool (the import's boards are its own, and _writing is held), so this
        // activation keeps taking votes meanwhile; they queue for the next turn at the ledger.
        var (boards, entries) = await Task.Run(() => Rate(import.Shadow, votes));
        var lastSeq = await Task.Run(() => ledger.AppendImportAsync(_epoch, import.Id, entries));
        if (lastSeq is null)
        {
            // Some are recorded already (a file imported before, or its own export): only those are looked up.
            var recorded = await Task.Run(() => ledger.FindAsync(votes.Select(v => v.BattleId).ToArray()));
            import.Skipped += recorded.Count;
            votes = votes.Where(v => !recorded.ContainsKey(v.BattleId)).ToList();
            if (votes.Count == 0)
            {
                return;
            }

            (boards, entries) = await Task.Run(() => Rate(import.Shadow, votes));
            lastSeq = await Task.Run(() => ledger.AppendImportAsync(_epoch, import.Id, entries))
                ?? throw new InvalidOperationException("A battle of this import was recorded while it ran; nothing was imported. Send the file again.");
        }

        import.Adopt(boards, lastSeq.Value);
        import.Imported += entries.Count;
    }

    /// <summary>The ledger entries of imported votes, rated on a copy of <paramref name="from"/>, which is returned with them.</summary>
    private (LeaderboardState Boards, List<LedgerEntry> Entries) Rate(LeaderboardState from, List<VoteRecord> votes)
    {
        var boards = CloneBoards(from);
        var entries = new List<LedgerEntry>(votes.Count);
        foreach (var vote in votes)
        {
            var (a, b) = Apply(boards, vote);
            entries.Add(new LedgerEntry(0, vote, a.Rating, b.Rating, a.Delta, b.Delta, LedgerEntry.FromImport));
        }

        return (boards, entries);
    }

    private ImportSession Session(Guid importId) =>
        _import is { } import && import.Id == importId
            ? import
            : throw ArenaException.Conflict($"Import {importId} is not running (it failed, was abandoned, or the leaderboard restarted); nothing of it was imported. Send the file again.");

    /// <summary>Ends the import and deletes its rows; a failed deletion leaves them pending, for the next import or activation.</summary>
    private async Task AbortAsync(ImportSession import)
    {
        await _writing.WaitAsync();
        try
        {
            if (!ReferenceEquals(_import, import))
            {
                return;
            }

            _import = null;
        }
        finally
        {
            _writing.Release();
        }

        try
        {
            await Task.Run(() => ledger.DiscardImportAsync(_epoch, import.Id));
        }
        catch (Exception ex)
        {
            LogDiscardFailed(logger, ex, import.Id);
        }
    }

    private async Task AbortIfIdleAsync()
    {
        if (_import is { } import && time.GetUtcNow() - import.LastActivity > ImportIdleLimit)
        {
            LogImportIdle(logger, import.Id, ImportIdleLimit);
            await AbortAsync(import);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} battles into the ledger ({Skipped} already there), up to {Seq}")]
    private static partial void LogImported(ILogger logger, long imported, long skipped, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed; nothing was imported")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} sent nothing for {Limit}; abandoned")]
    private static partial void LogImportIdle(ILogger logger, Guid importId, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rows of abandoned import {ImportId} could not be deleted yet; readers skip them, and the next import deletes them")]
    private static partial void LogDiscardFailed(ILogger logger, Exception exception, Guid importId);
}
