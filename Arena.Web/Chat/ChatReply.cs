namespace Arena.Web.Chat;

/// <summary>
/// Where a chat message went and what answers it: a battle (<see cref="BattleId"/>) or a turn of the session's
/// assistant conversation (<see cref="ConversationId"/>, turn <see cref="Turn"/>).
/// </summary>
public sealed record ChatReply(
    string Route,
    string Category,
    double Confidence,
    string Reason,
    Guid? BattleId,
    Guid? ConversationId,
    int? Turn,
    bool Overridden);
