using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>
/// Votes battles recorded (the vote outbox) that never reached the ledger, because the process died or the
/// commit failed: counted on activation, on a timer and when asked, exactly as a live vote would be.
/// </summary>
public sealed partial class LeaderboardGrain
{
    private static readonly TimeSpan RecoveryPeriod = TimeSpan.FromSeconds(15);

    /// <summary>The timer leaves alone votes younger than this: their battle's own call is most likely still on its way.</summary>
    private static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(10);

    private Task<int>? _recovering;

    public Task<int> RecoverVotesAsync() => RecoverAsync(time.GetUtcNow());

    /// <summary>Counts what waits in the outbox now, then keeps checking on a timer.</summary>
    private void StartRecovery()
    {
        _ = RecoverLoggedAsync(time.GetUtcNow());
        this.RegisterGrainTimer(_ => RecoverLoggedAsync(time.GetUtcNow() - RecoveryGrace), RecoveryPeriod, RecoveryPeriod);
    }

    private async Task RecoverLoggedAsync(DateTimeOffset votedBefore)
    {
        try
        {
            var recovered = await RecoverAsync(votedBefore);
            if (recovered > 0)
            {
                LogRecovered(logger, recovered);
            }
        }
        catch (Exception ex)
        {
            LogRecoveryFailed(logger, ex);
        }
    }

    /// <summary>One recovery at a time; a caller that comes while one runs shares it.</summary>
    private Task<int> RecoverAsync(DateTimeOffset votedBefore)
    {
        if (_recovering is { IsCompleted: false } running)
        {
            return running;
        }

        return _recovering = RunAsync();

        async Task<int> RunAsync()
        {
            var total = 0;
            while (true)
            {
                var waiting = await Task.Run(() => outbox.ReadAsync(votedBefore, MaxGroup));
                if (waiting.Count == 0)
                {
                    return total;
                }

                // The same path as a live vote: idempotent by battle id, so a vote whose own call also
                // arrives counts once. Each counted vote left the outbox in its ledger transaction.
                await Task.WhenAll(waiting.Select(RecordVoteAsync));
                // What is left had been counted before (a retry raced the commit): those rows just go.
                await Task.Run(() => outbox.DeleteAsync(waiting.Select(v => v.BattleId).ToArray()));
                total += waiting.Count;
                if (waiting.Count < MaxGroup)
                {
                    return total;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted {Count} recorded votes from the outbox")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting recorded votes from the outbox failed; the timer tries again")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
