namespace Arena.Models;

/// <summary>
/// Counts consecutive failures of one replica. At the threshold the circuit opens and the replica
/// leaves the pool; the next success (usually a probe) closes it again.
/// </summary>
public sealed class CircuitBreaker(int threshold)
{
    public int ConsecutiveFailures { get; private set; }

    /// <summary>The last failure's description, while any failure is counted.</summary>
    public string? LastFailure { get; private set; }

    public bool IsOpen => ConsecutiveFailures >= threshold;

    public void RecordSuccess()
    {
        ConsecutiveFailures = 0;
        LastFailure = null;
    }

    public void RecordFailure(string reason)
    {
        ConsecutiveFailures++;
        LastFailure = reason;
    }
}
