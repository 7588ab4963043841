namespace Arena.Sessions;

/// <summary>One user's session, keyed by session id: the battles it started.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Remembers a battle this session started.</summary>
    Task AddBattleAsync(SessionBattle battle);

    /// <summary>The session's battles, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SessionBattle>> GetBattlesAsync();
}

/// <summary>A battle in a session's history.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionBattle(
    [property: Id(0)] Guid BattleId,
    [property: Id(1)] string Prompt,
    [property: Id(2)] DateTimeOffset CreatedAt);
