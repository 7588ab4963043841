namespace Arena.Sessions;

/// <summary>A session's stored state. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)]
    public List<SessionBattle> Battles { get; set; } = [];
}
