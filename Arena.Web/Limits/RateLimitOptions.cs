using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Arena.Web.Limits;

/// <summary>
/// Rate limits per client address and per session, and per-session caps (configuration section
/// <c>Arena:RateLimits</c>). <see cref="Enabled"/> = false lifts every one of them, for load tests and
/// benchmarks that come from one address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Arena:RateLimits";

    /// <summary>False turns every limit and cap below off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Battle and chat starts: <c>POST /api/battles</c>, <c>POST /api/chat</c>, and the UI's prompt boxes.</summary>
    [ValidateObjectMembers]
    public RateRule Starts { get; set; } = RateRule.Of(perAddress: 20, perSession: 6);

    /// <summary>Votes: <c>POST /api/battles/{id}/vote</c> and the UI's vote buttons.</summary>
    [ValidateObjectMembers]
    public RateRule Votes { get; set; } = RateRule.Of(perAddress: 120, perSession: 20);

    /// <summary>Follow-up prompts: <c>POST /api/battles/{id}/messages</c> and the UI's follow-up box.</summary>
    [ValidateObjectMembers]
    public RateRule FollowUps { get; set; } = RateRule.Of(perAddress: 60, perSession: 12);

    /// <summary>Regenerates: <c>POST /api/battles/{id}/regenerate</c> and the UI's button.</summary>
    [ValidateObjectMembers]
    public RateRule Regenerates { get; set; } = RateRule.Of(perAddress: 30, perSession: 6);

    /// <summary>Dataset uploads: <c>POST /api/sessions/me/datasets</c> and the UI's upload.</summary>
    [ValidateObjectMembers]
    public RateRule Uploads { get; set; } = RateRule.Of(perAddress: 30, perSession: 5);

    /// <summary>Router questions: <c>POST /api/route</c>.</summary>
    [ValidateObjectMembers]
    public RateRule Route { get; set; } = RateRule.Of(perAddress: 120, perSession: 30);

    /// <summary>Exports of the battle data: <c>GET /api/battles/export</c>.</summary>
    [ValidateObjectMembers]
    public RateRule Export { get; set; } = RateRule.Of(perAddress: 6, perSession: 2);

    /// <summary>Assistant messages: <c>POST /api/assistant/{id}/messages</c>.</summary>
    [ValidateObjectMembers]
    public RateRule AssistantMessages { get; set; } = RateRule.Of(perAddress: 60, perSession: 12);

    /// <summary>Event streams open at once: <c>GET /api/battles/{id}/events</c> and <c>GET /api/assistant/{id}/events</c>.</summary>
    [ValidateObjectMembers]
    public ConcurrencyRule EventStreams { get; set; } = new() { PerAddress = 100, PerSession = 8 };

    /// <summary>
    /// New sessions (cookies) one client address, or IPv6 /64, may be given per minute. Minting cookies is how
    /// sybils start, so this cap holds for every client.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewSessionsPerMinute { get; set; } = 30;

    /// <summary>Battles one session may have answering at once (0: no cap).</summary>
    [Range(0, 10_000)]
    public int OpenBattlesPerSession { get; set; } = 3;

    /// <summary>Votes one session may cast per UTC day (0: no cap).</summary>
    [Range(0, 1_000_000)]
    public int VotesPerSessionPerDay { get; set; } = 500;

    /// <summary>Times one battle turn may be regenerated (0: no cap).</summary>
    [Range(0, 1_000)]
    public int RegeneratesPerTurn { get; set; } = 5;

    /// <summary>Messages one assistant conversation may hold (0: no cap).</summary>
    [Range(0, 100_000)]
    public int AssistantTurnsPerConversation { get; set; } = 50;

    /// <summary>The rule for a rate-limited action.</summary>
    public RateRule RuleFor(LimitedAction action) => action switch
    {
        LimitedAction.Start => Starts,
        LimitedAction.Vote => Votes,
        LimitedAction.FollowUp => FollowUps,
        LimitedAction.Regenerate => Regenerates,
        LimitedAction.Upload => Uploads,
        LimitedAction.Route => Route,
        LimitedAction.Export => Export,
        LimitedAction.AssistantMessage => AssistantMessages,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Event streams have a concurrency rule, not a rate rule."),
    };

    /// <summary>A cap's value, or 0 (no cap) when limits are off.</summary>
    public int Cap(Func<RateLimitOptions, int> cap) => Enabled ? cap(this) : 0;
}

/// <summary>Validates <see cref="RateLimitOptions"/> and its nested rules on start.</summary>
[OptionsValidator]
public sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
