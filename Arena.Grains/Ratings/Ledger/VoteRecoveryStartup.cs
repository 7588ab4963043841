using Microsoft.Extensions.Logging;

namespace Arena.Ratings.Ledger;

/// <summary>
/// Once the silo is up, asks the leaderboard to count the votes battles recorded that never reached the
/// ledger (a crash, a failed commit), so that they count after a restart with no user action. Runs in the
/// background and retries until it succeeds or the silo stops.
/// </summary>
internal sealed partial class VoteRecoveryStartup(IGrainFactory grains, TimeProvider time, ILogger<VoteRecoveryStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _recovery = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(VoteRecoveryStartup), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _recovery = Task.Run(() => RecoverAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _recovery.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RecoverAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var recovered = await grains.GetGrain<ILeaderboardGrain>(0).RecoverVotesAsync();
                if (recovered > 0)
                {
                    LogRecovered(logger, recovered);
                }

                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                LogRecoveryFailed(logger, ex, RetryDelay);
                await Task.Delay(RetryDelay, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted {Count} recorded votes that had not reached the ledger")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the leaderboard to count recorded votes; retrying in {Delay}")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, TimeSpan delay);
}
