extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components.Battles;
using Microsoft.Extensions.Time.Testing;

namespace Arena.Browser.Tests.Components;

public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);

    private readonly FakeTimeProvider _time = new();
    private int _renders;

    private RenderThrottle NewThrottle() => new(action =>
    {
        action();
        return Task.CompletedTask;
    }, () => _renders++, Interval, _time);

    [Fact]
    public void Request_First_RendersAtOnce()
    {
        NewThrottle().Request(CancellationToken.None);

        Assert.Equal(1, _renders);
    }

    [Fact]
    public void Request_ManyWithinInterval_RenderOnceMoreWhenItEnds()
    {
        var throttle = NewThrottle();
        throttle.Request(CancellationToken.None);
        for (var i = 0; i < 50; i++)
        {
            throttle.Request(CancellationToken.None);
        }

        Assert.Equal(1, _renders);
        _time.Advance(Interval);
        Assert.Equal(2, _renders);
    }

    [Fact]
    public void Request_Cancelled_DoesNotRenderLater()
    {
        using var cts = new CancellationTokenSource();
        var throttle = NewThrottle();
        throttle.Request(cts.Token);
        throttle.Request(cts.Token);
        cts.Cancel();

        _time.Advance(Interval);

        Assert.Equal(1, _renders);
    }
}
