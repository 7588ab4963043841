using System.Diagnostics.Metrics;

namespace Arena.Web.Moderation;

/// <summary>Moderation's OpenTelemetry instruments: prompts flagged, and checks that could not be made.</summary>
public sealed class ModerationMetrics
{
    public const string MeterName = "Arena.Moderation";

    private readonly Counter<long> _flagged;
    private readonly Counter<long> _unavailable;

    public ModerationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _flagged = meter.CreateCounter<long>("arena.moderation.flagged", "{prompt}", "Prompts refused by moderation, by source and use.");
        _unavailable = meter.CreateCounter<long>("arena.moderation.unavailable", "{check}", "Moderation checks that failed or timed out, by source and outcome (allowed: fail open, refused: fail closed).");
    }

    public void Flagged(string source, PromptUse use) =>
        _flagged.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("use", Tag(use)));

    public void Unavailable(string source, PromptUse use, bool refused) =>
        _unavailable.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("use", Tag(use)),
            new KeyValuePair<string, object?>("outcome", refused ? "refused" : "allowed"));

    /// <summary>The snake_case name of a use, as in the API.</summary>
    public static string Tag(PromptUse use) => use switch
    {
        PromptUse.Battle => "battle",
        PromptUse.FollowUp => "follow_up",
        PromptUse.Chat => "chat",
        _ => "assistant",
    };
}
