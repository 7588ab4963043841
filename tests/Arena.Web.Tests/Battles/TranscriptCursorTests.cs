using Arena.Battles;
using Arena.Web.Battles;

namespace Arena.Web.Tests.Battles;

public sealed class TranscriptCursorTests
{
    private static BattleEvent Token(Side side, int offset, string text) => new(BattleEventKind.Token, 0, side, offset, text);

    private static BattleSnapshot Snapshot(BattleStatus status, SideSnapshot a, SideSnapshot b) =>
        new(Guid.NewGuid(), status, "general", DateTimeOffset.UnixEpoch, [new TurnSnapshot("p", a, b)], null, null);

    private static SideSnapshot Side(SideStatus status, string text, string? error = null) => new(status, text, error, 0, null, null, null);

    [Fact]
    public void CatchUp_StreamingSnapshot_TextSoFarWithoutDoneEvents()
    {
        var cursor = new TranscriptCursor();

        var events = cursor.CatchUp(Snapshot(BattleStatus.Streaming, Side(SideStatus.Streaming, "Hel"), Side(SideStatus.Waiting, ""))).ToList();

        var only = Assert.Single(events);
        Assert.Equal(Token(Arena.Battles.Side.A, 0, "Hel"), only);
        Assert.False(cursor.BattleDone);
    }

    [Fact]
    public void Accept_LiveEventsOverlappingTheSnapshot_OnlyTheNewPartPasses()
    {
        var cursor = new TranscriptCursor();
        cursor.CatchUp(Snapshot(BattleStatus.Streaming, Side(SideStatus.Streaming, "Hello wo"), Side(SideStatus.Streaming, ""))).ToList();

        Assert.Null(cursor.Accept(Token(Arena.Battles.Side.A, 0, "Hello")));
        Assert.Equal(Token(Arena.Battles.Side.A, 8, "rld"), cursor.Accept(Token(Arena.Battles.Side.A, 5, " world")));
        Assert.Equal(Token(Arena.Battles.Side.A, 11, "!"), cursor.Accept(Token(Arena.Battles.Side.A, 11, "!")));
        Assert.Null(cursor.Accept(Token(Arena.Battles.Side.A, 11, "!")));
        Assert.Equal(Token(Arena.Battles.Side.B, 0, "Hi"), cursor.Accept(Token(Arena.Battles.Side.B, 0, "Hi")));
    }

    [Fact]
    public void HasGapBefore_EventBeyondWhatWasDelivered_True()
    {
        var cursor = new TranscriptCursor();
        cursor.Accept(Token(Arena.Battles.Side.A, 0, "abc"));

        Assert.True(cursor.HasGapBefore(Token(Arena.Battles.Side.A, 5, "f")));
        Assert.False(cursor.HasGapBefore(Token(Arena.Battles.Side.A, 3, "d")));
        Assert.Null(cursor.Accept(Token(Arena.Battles.Side.A, 5, "f")));
    }

    [Fact]
    public void HasGapBefore_SideEndBeyondWhatWasDelivered_True()
    {
        var cursor = new TranscriptCursor();
        cursor.Accept(Token(Arena.Battles.Side.A, 0, "abc"));

        Assert.True(cursor.HasGapBefore(new BattleEvent(BattleEventKind.SideDone, 0, Arena.Battles.Side.A, 5, "")));
        Assert.True(cursor.HasGapBefore(new BattleEvent(BattleEventKind.SideError, 0, Arena.Battles.Side.A, 5, "failed")));
        Assert.False(cursor.HasGapBefore(new BattleEvent(BattleEventKind.SideDone, 0, Arena.Battles.Side.A, 3, "")));
    }

    [Fact]
    public void HasGapBefore_BattleDoneBeforeBothSidesEnded_True()
    {
        var cursor = new TranscriptCursor();
        var battleDone = new BattleEvent(BattleEventKind.BattleDone, 0, null, 0, "");
        cursor.Accept(new BattleEvent(BattleEventKind.SideDone, 0, Arena.Battles.Side.A, 0, ""));

        Assert.True(cursor.HasGapBefore(battleDone));
        cursor.Accept(new BattleEvent(BattleEventKind.SideError, 0, Arena.Battles.Side.B, 0, "failed"));
        Assert.False(cursor.HasGapBefore(battleDone));
    }

    [Fact]
    public void CatchUp_FinishedSnapshot_DoneEventsOnceEach()
    {
        var cursor = new TranscriptCursor();
        var snapshot = Snapshot(BattleStatus.Failed, Side(SideStatus.Done, "yes"), Side(SideStatus.Failed, "n", "broke"));

        var first = cursor.CatchUp(snapshot).ToList();
        var second = cursor.CatchUp(snapshot).ToList();

        Assert.Equal(
            [BattleEventKind.Token, BattleEventKind.SideDone, BattleEventKind.Token, BattleEventKind.SideError, BattleEventKind.BattleDone],
            first.Select(e => e.Kind));
        Assert.Equal("broke", first[3].Text);
        Assert.Empty(second);
        Assert.True(cursor.BattleDone);
        Assert.Null(cursor.Accept(new BattleEvent(BattleEventKind.BattleDone, 0, null, 0, "")));
    }
}
