using System.Text.Json;

namespace Arena.Web.Tests.Api;

/// <summary>Reads a battle's server-sent events.</summary>
public static class SseEvents
{
    /// <summary>The concatenated text of one side's token events.</summary>
    public static string TextOf(IEnumerable<BattleSseEvent> events, string side) =>
        string.Concat(events.Where(e => IsToken(e, side)).Select(e => Field(e, "text")));

    public static bool IsToken(BattleSseEvent e, string side) => e.Type == "token" && Field(e, "side") == side;

    public static bool IsSideDone(BattleSseEvent e, string side) => e.Type == "side_done" && Field(e, "side") == side;

    public static int LastIndexOfToken(List<BattleSseEvent> events, string side) => events.FindLastIndex(e => IsToken(e, side));

    private static string? Field(BattleSseEvent e, string name)
    {
        using var json = JsonDocument.Parse(e.Data);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
