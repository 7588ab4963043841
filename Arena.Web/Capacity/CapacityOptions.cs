using System.ComponentModel.DataAnnotations;

namespace Arena.Web.Capacity;

/// <summary>
/// How much work one web node takes on at once (configuration section <c>Arena:Capacity</c>). Unlike the rate
/// limits, which are per client, these protect everyone: past them a new start is refused at once with 503 and
/// <c>Retry-After</c>, rather than queueing until it times out, and battles already admitted keep their pace.
/// </summary>
public sealed class CapacityOptions
{
    public const string Section = "Arena:Capacity";

    /// <summary>
    /// Battle and chat starts this node works on at once, from the request to the battle (or assistant turn) running:
    /// moderation, routing and the start itself. 0: no cap. The default comes from the <c>overload</c> benchmark.
    /// </summary>
    [Range(0, 100_000)]
    public int StartsInFlight { get; set; } = 32;

    /// <summary>The wait a start refused for capacity is told to take (<c>Retry-After</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
