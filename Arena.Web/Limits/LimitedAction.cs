namespace Arena.Web.Limits;

/// <summary>An action that costs model time, moves a rating or reads much data, and is limited per client address and per session.</summary>
public enum LimitedAction
{
    Start,
    Vote,
    FollowUp,
    Regenerate,
    Upload,
    Route,
    Export,
    AssistantMessage,
    EventStream,
}

/// <summary>How refusals name an action.</summary>
public static class LimitedActions
{
    public static readonly LimitedAction[] All = Enum.GetValues<LimitedAction>();

    /// <summary>The action in a refusal's words, e.g. "battle or chat starts".</summary>
    public static string Describe(this LimitedAction action) => action switch
    {
        LimitedAction.Start => "battle or chat starts",
        LimitedAction.Vote => "votes",
        LimitedAction.FollowUp => "follow-up prompts",
        LimitedAction.Regenerate => "regenerates",
        LimitedAction.Upload => "dataset uploads",
        LimitedAction.Route => "route requests",
        LimitedAction.Export => "exports",
        LimitedAction.AssistantMessage => "assistant messages",
        _ => "open event streams",
    };

    /// <summary>The rate-limiter policy name of an action's endpoints.</summary>
    public static string PolicyName(this LimitedAction action) => "arena-" + action.ToString().ToLowerInvariant();
}
