namespace Arena.Sessions;

/// <summary>
/// One user's session, keyed by session id: the battles it started, the datasets it uploaded, and the
/// assistant conversation under way (its workflow).
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Remembers a battle this session started.</summary>
    Task AddBattleAsync(SessionBattle battle);

    /// <summary>
    /// Holds a place for a battle about to start: TooManyRequests when <paramref name="maxOpen"/> of the session's
    /// battles are still answering (0: no cap). <see cref="AddBattleAsync"/> confirms it; <see cref="ReleaseBattleAsync"/> gives it back.
    /// </summary>
    Task ReserveBattleAsync(Guid battleId, int maxOpen);

    /// <summary>Gives back the place of a battle that did not start.</summary>
    Task ReleaseBattleAsync(Guid battleId);

    /// <summary>
    /// Counts the session's vote on a battle towards today's (UTC) votes, once per battle: TooManyRequests when
    /// <paramref name="maxPerDay"/> battles were voted on today already (0: no cap). True when this call counted it.
    /// </summary>
    Task<bool> CountVoteAsync(Guid battleId, int maxPerDay);

    /// <summary>Takes back a vote counted by <see cref="CountVoteAsync"/> that the battle refused.</summary>
    Task UncountVoteAsync(Guid battleId);

    /// <summary>The session's battles, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SessionBattle>> GetBattlesAsync();

    /// <summary>Adds a dataset whose rows are already stored; fails (changing nothing) when the name is taken or the session holds too many.</summary>
    Task AddDatasetAsync(DatasetInfo dataset);

    /// <summary>Forgets a dataset and returns it; NotFound for an id the session does not hold.</summary>
    Task<DatasetInfo> RemoveDatasetAsync(Guid datasetId);

    /// <summary>The session's datasets and workflow, for routing and the assistant.</summary>
    [ReadOnly]
    Task<SessionContext> GetContextAsync();

    /// <summary>The assistant conversation of the workflow under way, starting one if none is active; extends the workflow's lease.</summary>
    Task<Guid> ContinueWorkflowAsync();

    /// <summary>Ends the workflow: the next message is routed on its own again.</summary>
    Task EndWorkflowAsync();
}

/// <summary>A battle in a session's history.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionBattle(
    [property: Id(0)] Guid BattleId,
    [property: Id(1)] string Prompt,
    [property: Id(2)] DateTimeOffset CreatedAt);
