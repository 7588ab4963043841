namespace Arena.Sessions;

/// <summary>A session's stored state. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)]
    public List<SessionBattle> Battles { get; set; } = [];

    [Id(1)]
    public List<DatasetInfo> Datasets { get; set; } = [];

    /// <summary>The assistant conversation of the workflow under way.</summary>
    [Id(2)]
    public Guid? Conversation { get; set; }

    /// <summary>When the workflow lapses unless another message continues it.</summary>
    [Id(3)]
    public DateTimeOffset? WorkflowActiveUntil { get; set; }

    /// <summary>The UTC day <see cref="VotedToday"/> counts for.</summary>
    [Id(4)]
    public DateTimeOffset? VoteDay { get; set; }

    /// <summary>The battles this session voted on during <see cref="VoteDay"/> (the daily vote cap counts them).</summary>
    [Id(5)]
    public List<Guid> VotedToday { get; set; } = [];
}
