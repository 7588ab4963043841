using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>
/// Refreshes this silo's health board: asks every replica of every model for its status, on a timer.
/// A replica that cannot be asked in time (its node died, or it has no compatible silo) is unreachable.
/// </summary>
public sealed partial class ModelHealthMonitor(
    ModelCatalog catalog,
    ModelDirectory directory,
    IGrainFactory grains,
    IOptions<ModelHealthOptions> options,
    TimeProvider time,
    ILogger<ModelHealthMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Asks every replica for its status once and records the answers.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var model in catalog.All)
        {
            var replicas = directory.ReplicasOf(model);
            var statuses = await Task.WhenAll(replicas.Select(r => AskAsync(r, cancellationToken)));
            directory.Report(model.Id, statuses);
        }
    }

    private async Task<ReplicaStatus> AskAsync(ReplicaKey replica, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IModelGrain>(replica.GrainKey).GetStatusAsync()
                .WaitAsync(options.Value.StatusTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutException ? "the node did not answer in time" : "the node is unreachable";
            return new ReplicaStatus(replica.GrainKey, replica.Node, "", ReplicaHealth.Unreachable, reason, 0, 0, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing model health failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
