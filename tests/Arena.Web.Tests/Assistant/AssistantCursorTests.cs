using Arena.Assistant;
using Arena.Web.Assistant;

namespace Arena.Web.Tests.Assistant;

public sealed class AssistantCursorTests
{
    private static readonly ToolStep Call = new(0, "call_1", "get_leaderboard", "{}", null, false, null);
    private static readonly ToolStep Result = Call with { Result = "{\"total_votes\":3}", DurationMs = 2 };

    private static AssistantSnapshot Snapshot(AssistantStatus status, string text, params ToolStep[] steps) =>
        new(Guid.Empty, status, "sim-assistant", [new AssistantTurnSnapshot("q", "general", status, text, steps, status == AssistantStatus.Failed ? "boom" : null, DateTimeOffset.UnixEpoch, null)]);

    [Fact]
    public void CatchUpThenLive_OverlappingEvents_DeliveredOnceInOrder()
    {
        var cursor = new AssistantCursor(0);

        var caughtUp = cursor.CatchUp(Snapshot(AssistantStatus.Running, "Hel", Result));

        Assert.Equal([AssistantEventKind.ToolCall, AssistantEventKind.ToolResult, AssistantEventKind.Token], caughtUp.Select(e => e.Kind));
        Assert.Null(caughtUp[0].Step!.Result);
        Assert.Equal(Result, caughtUp[1].Step);
        Assert.Null(cursor.Accept(new AssistantEvent(AssistantEventKind.ToolCall, 0, 0, "", Call)));
        Assert.Null(cursor.Accept(new AssistantEvent(AssistantEventKind.ToolResult, 0, 0, "", Result)));
        Assert.Null(cursor.Accept(new AssistantEvent(AssistantEventKind.Token, 0, 0, "He", null)));
        Assert.Equal(new AssistantEvent(AssistantEventKind.Token, 0, 3, "lo", null), cursor.Accept(new AssistantEvent(AssistantEventKind.Token, 0, 2, "llo", null)));
        Assert.Null(cursor.Accept(new AssistantEvent(AssistantEventKind.Token, 1, 0, "other turn", null)));
        Assert.False(cursor.Finished);
    }

    [Fact]
    public void NeedsCatchUpBefore_MissedTextStepsOrTheEnd_True()
    {
        var cursor = new AssistantCursor(0);
        cursor.CatchUp(Snapshot(AssistantStatus.Running, "ab"));

        Assert.True(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.Token, 0, 5, "x", null)));
        Assert.False(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.Token, 0, 2, "x", null)));
        Assert.True(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.ToolCall, 0, 2, "", Call with { Index = 1 })));
        Assert.False(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.ToolCall, 0, 2, "", Call)));
        Assert.True(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.ToolResult, 0, 2, "", Result)));
        Assert.True(cursor.NeedsCatchUpBefore(new AssistantEvent(AssistantEventKind.TurnDone, 0, 2, "", null)));
    }

    [Fact]
    public void CatchUp_FailedTurn_EndsWithTheErrorOnce()
    {
        var cursor = new AssistantCursor(0);

        var events = cursor.CatchUp(Snapshot(AssistantStatus.Failed, "partial"));

        Assert.Equal(AssistantEventKind.TurnError, events[^1].Kind);
        Assert.Equal("boom", events[^1].Text);
        Assert.True(cursor.Finished);
        Assert.Empty(cursor.CatchUp(Snapshot(AssistantStatus.Failed, "partial")));
        Assert.Null(cursor.Accept(new AssistantEvent(AssistantEventKind.TurnError, 0, 7, "boom", null)));
    }
}
