namespace Arena.Web.Tests.Api;

/// <summary>The answer to <c>POST /api/battles</c>.</summary>
public sealed record StartedBattle(string BattleId, string Events);

/// <summary><c>GET /api/battles/{id}</c>.</summary>
public sealed record BattleView(string BattleId, string Status, IReadOnlyList<TurnView> Turns, string? Vote, RevealView? Reveal, string? ShareUrl = null);

public sealed record TurnView(string Prompt, SideView A, SideView B, bool Superseded = false);

public sealed record SideView(string Status, string Text, string? Error);

/// <summary>The answer to a vote, and a voted battle's reveal.</summary>
public sealed record RevealView(RatingView A, RatingView B);

public sealed record RatingView(string Model, double Rating, double Delta);

/// <summary><c>GET /api/leaderboard</c>.</summary>
public sealed record LeaderboardView(IReadOnlyList<StandingView> Models);

public sealed record StandingView(string Model, double Rating, int Votes, int Wins, int Losses, int Ties);

/// <summary><c>GET /api/models</c>.</summary>
public sealed record ModelsView(IReadOnlyList<ModelView> Models);

public sealed record ModelView(string Id, bool InArena);

/// <summary><c>GET /api/sessions/me/battles</c>.</summary>
public sealed record HistoryView(IReadOnlyList<HistoryItem> Battles);

public sealed record HistoryItem(string BattleId);

/// <summary>A ProblemDetails body.</summary>
public sealed record ProblemView(int? Status, string? Title, string? Detail);

/// <summary>One server-sent event: its type and its JSON data.</summary>
public sealed record BattleSseEvent(string Type, string Data);
