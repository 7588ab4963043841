namespace Arena.Web.Streams;

/// <summary>Waits for a task for at most a bounded time, on an injected clock.</summary>
public static class TimeBound
{
    /// <summary>
    /// True once <paramref name="task"/> completed (in any state; await it for its outcome), false when
    /// <paramref name="bound"/> passed first. The task keeps running either way, so it can be waited for again.
    /// </summary>
    public static async Task<bool> CompletesWithinAsync(this Task task, TimeSpan bound, TimeProvider time)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        using var timer = new CancellationTokenSource();
        var elapsed = Task.Delay(bound, time, timer.Token);
        var first = await Task.WhenAny(task, elapsed);
        await timer.CancelAsync();
        return first == task;
    }
}
