namespace Arena.Battles;

/// <summary>A battle's stored state. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class BattleState
{
    [Id(0)]
    public BattleStatus Status { get; set; }

    [Id(1)]
    public string SessionId { get; set; } = "";

    [Id(2)]
    public string ModelA { get; set; } = "";

    [Id(3)]
    public string ModelB { get; set; } = "";

    [Id(4)]
    public string Category { get; set; } = "";

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public List<TurnState> Turns { get; set; } = [];

    /// <summary>The owner's vote; stored with the reveal (until then it waits in the vote outbox).</summary>
    [Id(7)]
    public BattleOutcome? Vote { get; set; }

    /// <summary>The leaderboard's answer to the vote; set once the vote counted.</summary>
    [Id(8)]
    public VoteReveal? Reveal { get; set; }

    [Id(9)]
    public DateTimeOffset? VotedAt { get; set; }

    [Id(10)]
    public BattleMode Mode { get; set; }

    /// <summary>True once the owner shared the battle: anyone may then read it. Until then only the owner can.</summary>
    [Id(11)]
    public bool Shared { get; set; }
    /// <summary>The one-way hash of the client address that started the battle (empty when unknown).</summary>
    [Id(20)]
    public string ClientHash { get; set; } = "";
}

/// <summary>One prompt and both answers.</summary>
[GenerateSerializer]
public sealed class TurnState
{
    [Id(0)]
    public string Prompt { get; set; } = "";

    [Id(1)]
    public SideState A { get; set; } = new();

    [Id(2)]
    public SideState B { get; set; } = new();

    /// <summary>True once the user regenerated this turn: a later turn answers the same prompt again.</summary>
    [Id(3)]
    public bool Superseded { get; set; }

    /// <summary>When both sides had finished answering (null while they answer, and in battles stored before it was kept).</summary>
    [Id(4)]
    public DateTimeOffset? FinishedAt { get; set; }

    public SideState this[Side side] => side == Side.A ? A : B;
}

/// <summary>One side's answer to one prompt.</summary>
[GenerateSerializer]
public sealed class SideState
{
    [Id(0)]
    public SideStatus Status { get; set; }

    [Id(1)]
    public string Text { get; set; } = "";

    [Id(2)]
    public string? Error { get; set; }

    [Id(3)]
    public int InputTokens { get; set; }

    [Id(4)]
    public int OutputTokens { get; set; }

    [Id(5)]
    public double? TimeToFirstTokenMs { get; set; }

    [Id(6)]
    public double? DurationMs { get; set; }

    [Id(7)]
    public string? FinishReason { get; set; }

    public bool IsFinished => Status is SideStatus.Done or SideStatus.Failed;

    /// <summary>True when the owner stopped this side before it wrote anything: there is nothing to judge.</summary>
    public bool StoppedEmpty => Status == SideStatus.Done && FinishReason == BattleRules.StoppedReason && Text.Length == 0;
}
