using System.Globalization;
using Arena.Battles;

namespace Arena.Web.Battles;

/// <summary>
/// How far a client has read a battle's events: within turn <see cref="Turn"/>, the characters of each
/// side's answer it has, whether it saw each side end and the turn end; every earlier turn it has read
/// whole. Written as the SSE event id <c>{turn}.{offsetA}.{offsetB}.{flags}</c>, flags being the sum of
/// 1 (side A ended), 2 (side B ended) and 4 (the turn ended), so that a reconnecting client's
/// <c>Last-Event-ID</c> says where to resume without the server keeping anything per client.
/// </summary>
public sealed record TranscriptPosition(int Turn, int OffsetA, int OffsetB, bool EndedA, bool EndedB, bool TurnEnded)
{
    private const int FlagA = 1;
    private const int FlagB = 2;
    private const int FlagTurn = 4;

    /// <summary>The event id form, e.g. <c>1.240.198.3</c>.</summary>
    public override string ToString()
    {
        var flags = (EndedA ? FlagA : 0) | (EndedB ? FlagB : 0) | (TurnEnded ? FlagTurn : 0);
        return string.Create(CultureInfo.InvariantCulture, $"{Turn}.{OffsetA}.{OffsetB}.{flags}");
    }

    /// <summary>Reads a <c>Last-Event-ID</c>; null or empty means from the start. Refuses anything this server did not write.</summary>
    public static TranscriptPosition? Parse(string? eventId)
    {
        if (string.IsNullOrEmpty(eventId))
        {
            return null;
        }

        var parts = eventId.Split('.');
        var numbers = new int[4];
        var ok = parts.Length == 4;
        for (var i = 0; ok && i < 4; i++)
        {
            ok = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]);
        }

        if (!ok || numbers[3] > (FlagA | FlagB | FlagTurn))
        {
            throw ArenaException.Invalid(
                $"Last-Event-ID '{Shorten(eventId)}' is not an event id of this stream; send the id of the last event received, like 0.120.96.1, or none to start over.");
        }

        return new TranscriptPosition(numbers[0], numbers[1], numbers[2], (numbers[3] & FlagA) != 0, (numbers[3] & FlagB) != 0, (numbers[3] & FlagTurn) != 0);
    }

    /// <summary>
    /// Refuses a position beyond what the battle holds: it cannot come from this battle's stream. A failed side is the
    /// exception: when its silo died mid-answer, its clients had tokens the battle never stored, and a client
    /// resuming from there must still hear how the side ended.
    /// </summary>
    public void EnsureWithin(BattleSnapshot snapshot)
    {
        if (Turn >= snapshot.Turns.Count
            || Beyond(OffsetA, snapshot.Turns[Turn].A)
            || Beyond(OffsetB, snapshot.Turns[Turn].B))
        {
            throw ArenaException.Invalid($"Last-Event-ID '{this}' lies beyond this battle's transcript; it belongs to another battle. Reconnect without it to start over.");
        }
    }

    private static bool Beyond(int offset, SideSnapshot answer) => offset > answer.Text.Length && answer.Status != SideStatus.Failed;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
