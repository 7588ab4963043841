using System.ComponentModel.DataAnnotations;

namespace Arena.Routing;

/// <summary>Tuning of the semantic router.</summary>
public sealed class RouterOptions
{
    public const string Section = "Arena:Router";

    /// <summary>How many nearest examples of a category are averaged into its score.</summary>
    [Range(1, 20)]
    public int TopK { get; set; } = 3;

    /// <summary>
    /// The softmax temperature over category scores (cosine means, which differ by a few hundredths between
    /// close categories). Lower is sharper. Chosen with <c>route-eval --sweep</c> on the held-out set: the route's
    /// log loss is lowest at 0.04 (0.096) and barely higher at 0.05 (0.102), while 0.05 spreads ambiguous messages
    /// further (p10 0.80 instead of 0.84); from 0.08 on, confidence understates accuracy (ECE > 0.1) and from 0.12
    /// on, route accuracy falls below 95%.
    /// </summary>
    [Range(0.001, 1.0)]
    public double Temperature { get; set; } = 0.05;

    /// <summary>
    /// The assistant's route mass a message needs to go to the assistant; below it the message goes to the arena
    /// ("low confidence"). The winning route always holds at least half the mass, so values up to 0.5 disable the fallback.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.6;

    public const int DefaultMaxQueuedMessages = 256;

    /// <summary>
    /// How many messages may wait for their embedding on one silo (each costs about 5 ms of CPU in a batch); past that
    /// a message is refused at once as busy (503 with Retry-After), and a battle whose category was to be filed later
    /// stays under "general".
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedMessages { get; set; } = DefaultMaxQueuedMessages;

    /// <summary>The longest message accepted, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 8_000;
}
