namespace Arena.Web.Streams;

/// <summary>
/// How the web host keeps its event streams alive (configuration section <c>Arena:Streams</c>, beside the silo's
/// <c>PullingPeriod</c>). Checked on start by <see cref="EventStreamOptionsValidator"/>.
/// </summary>
public sealed class EventStreamOptions
{
    public const string Section = "Arena:Streams";

    /// <summary>
    /// The comment line sent on an event stream after this long without an event, so that proxies and clients see
    /// the connection alive (nginx closes a proxied response that is silent for 60 s by default).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait a client is told to take before reconnecting a dropped stream (the <c>retry:</c> field).</summary>
    public TimeSpan RetryHint { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a battle watcher waits for a live event before it reads the battle again and sends what it missed,
    /// so that a lost event (a <c>battle_done</c> above all) never leaves it waiting for good.
    /// </summary>
    public TimeSpan IdleReread { get; set; } = TimeSpan.FromSeconds(5);
}
