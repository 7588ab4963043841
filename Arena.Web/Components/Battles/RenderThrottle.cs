namespace Arena.Web.Components.Battles;

/// <summary>
/// Coalesces render requests so that a fast stream does not flood the circuit: at most one render per
/// interval, and a request inside the interval schedules one render at its end. Call it on the
/// component's dispatcher (inside <c>InvokeAsync</c>); <paramref name="invokeAsync"/> brings the
/// delayed render back there.
/// </summary>
public sealed class RenderThrottle(Func<Action, Task> invokeAsync, Action render, TimeSpan interval, TimeProvider time)
{
    private long _lastRender;
    private bool _scheduled;
    private bool _rendered;

    /// <summary>Renders now if the interval has passed since the last render, otherwise once it has.</summary>
    public void Request(CancellationToken cancellationToken)
    {
        if (_scheduled)
        {
            return;
        }

        var wait = _rendered ? interval - time.GetElapsedTime(_lastRender) : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            RenderNow();
            return;
        }

        _scheduled = true;
        _ = RenderLaterAsync(wait, cancellationToken);
    }

    /// <summary>Renders at once, e.g. when a side finishes.</summary>
    public void RenderNow()
    {
        _lastRender = time.GetTimestamp();
        _rendered = true;
        render();
    }

    private async Task RenderLaterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, time, cancellationToken);
            await invokeAsync(() =>
            {
                _scheduled = false;
                RenderNow();
            });
        }
        catch (OperationCanceledException)
        {
            // The component went away; nothing is left to render.
        }
    }
}
