using Arena.Battles;

namespace Arena.Web.Battles;

/// <summary>A battle event with the position a client reaches by receiving it (its SSE event id).</summary>
public sealed record PositionedEvent(BattleEvent Event, TranscriptPosition After);
