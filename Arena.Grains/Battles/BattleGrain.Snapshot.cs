namespace Arena.Battles;

/// <summary>The battle as a client may see it: models hidden until the vote (at once for named battles), the share path once shared.</summary>
public sealed partial class BattleGrain
{
    private BattleSnapshot Snapshot()
    {
        var named = Battle.Mode == BattleMode.Named;
        var shown = named || Battle.Reveal is not null;
        return new(
            this.GetPrimaryKey(),
            Battle.Status,
            Battle.Category,
            Battle.CreatedAt,
            Battle.Turns.Select(t => new TurnSnapshot(t.Prompt, Snapshot(t.A), Snapshot(t.B), t.Superseded)).ToArray(),
            Battle.Vote,
            Battle.Reveal,
            Battle.Mode,
            shown ? Battle.ModelA : null,
            shown ? Battle.ModelB : null,
            Battle.Shared ? BattleRules.SharePath(this.GetPrimaryKey()) : null);
    }

    private static SideSnapshot Snapshot(SideState s) =>
        new(s.Status, s.Text, s.Error, s.OutputTokens, s.TimeToFirstTokenMs, s.DurationMs, s.FinishReason);
}
