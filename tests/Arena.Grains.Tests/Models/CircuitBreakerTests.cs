using Arena.Models;

namespace Arena.Grains.Tests.Models;

public sealed class CircuitBreakerTests
{
    [Fact]
    public void RecordFailure_ReachesThreshold_OpensWithTheLastReason()
    {
        var breaker = new CircuitBreaker(threshold: 3);

        breaker.RecordFailure("one");
        breaker.RecordFailure("two");
        Assert.False(breaker.IsOpen);
        breaker.RecordFailure("three");

        Assert.True(breaker.IsOpen);
        Assert.Equal("three", breaker.LastFailure);
    }

    [Fact]
    public void RecordSuccess_AfterFailures_ClosesAndForgets()
    {
        var breaker = new CircuitBreaker(threshold: 2);
        breaker.RecordFailure("a");
        breaker.RecordFailure("b");

        breaker.RecordSuccess();

        Assert.False(breaker.IsOpen);
        Assert.Null(breaker.LastFailure);
        breaker.RecordFailure("c");
        Assert.False(breaker.IsOpen);
    }
}
