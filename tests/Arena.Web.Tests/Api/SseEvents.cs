using System.Text.Json;

namespace Arena.Web.Tests.Api;

/// <summary>Reads a battle's server-sent events.</summary>
public static class SseEvents
{
    /// <summary>The concatenated text of one side's token events.</summary>
    public static string TextOf(IEnumerable<BattleSseEvent> events, string side) =>
        string.Concat(events.Where(e => IsToken(e, side)).Select(e => Field(e, "text")));

    /// <summary>The side of a token, side_done or side_error event.</summary>
    public static string? SideOf(BattleSseEvent e) => Field(e, "side");

    /// <summary>The text of a token event.</summary>
    public static string TextOf(BattleSseEvent e) => Field(e, "text") ?? "";

    /// <summary>Where a token event's text starts in its side's answer.</summary>
    public static int OffsetOf(BattleSseEvent e)
    {
        using var json = JsonDocument.Parse(e.Data);
        return json.RootElement.GetProperty("offset").GetInt32();
    }

    public static bool IsToken(BattleSseEvent e, string side) => e.Type == "token" && Field(e, "side") == side;

    public static bool IsSideDone(BattleSseEvent e, string side) => e.Type == "side_done" && Field(e, "side") == side;

    public static int LastIndexOfToken(List<BattleSseEvent> events, string side) => events.FindLastIndex(e => IsToken(e, side));

    private static string? Field(BattleSseEvent e, string name)
    {
        using var json = JsonDocument.Parse(e.Data);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
