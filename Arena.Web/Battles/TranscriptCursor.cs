using Arena.Battles;

namespace Arena.Web.Battles;

/// <summary>
/// Remembers how much of each side's answer a client has received, so that events from a snapshot
/// and from the live stream can be merged with nothing repeated and nothing lost.
/// </summary>
public sealed class TranscriptCursor
{
    private readonly Dictionary<(int Turn, Side Side), int> _delivered = [];
    private readonly HashSet<(int Turn, Side Side)> _finished = [];

    /// <summary>True once the battle-done event has been delivered.</summary>
    public bool BattleDone { get; private set; }

    /// <summary>The events that bring a client from where it is to the snapshot.</summary>
    public IEnumerable<BattleEvent> CatchUp(BattleSnapshot snapshot)
    {
        var events = new List<BattleEvent>();
        for (var turn = 0; turn < snapshot.Turns.Count; turn++)
        {
            var t = snapshot.Turns[turn];
            foreach (var (side, answer) in new[] { (Side.A, t.A), (Side.B, t.B) })
            {
                Add(events, new BattleEvent(BattleEventKind.Token, turn, side, 0, answer.Text));
                if (answer.Status == SideStatus.Done)
                {
                    Add(events, new BattleEvent(BattleEventKind.SideDone, turn, side, answer.Text.Length, ""));
                }
                else if (answer.Status == SideStatus.Failed)
                {
                    Add(events, new BattleEvent(BattleEventKind.SideError, turn, side, answer.Text.Length, answer.Error ?? "The model failed."));
                }
            }
        }

        if (snapshot.Status is BattleStatus.ReadyToVote or BattleStatus.Failed or BattleStatus.Voted)
        {
            Add(events, new BattleEvent(BattleEventKind.BattleDone, snapshot.Turns.Count - 1, null, 0, ""));
        }

        return events;
    }

    /// <summary>True when a live token event starts beyond what was delivered: something in between is missing.</summary>
    public bool HasGapBefore(BattleEvent e) =>
        e is { Kind: BattleEventKind.Token, Side: { } side } && e.Offset > Delivered(e.Turn, side);

    /// <summary>The part of the event the client has not seen yet, or null if it has seen all of it.</summary>
    public BattleEvent? Accept(BattleEvent e)
    {
        switch (e.Kind)
        {
            case BattleEventKind.Token when e.Side is { } side:
                var delivered = Delivered(e.Turn, side);
                var end = e.Offset + e.Text.Length;
                if (end <= delivered || e.Offset > delivered)
                {
                    return null;
                }

                _delivered[(e.Turn, side)] = end;
                return delivered == e.Offset ? e : e with { Offset = delivered, Text = e.Text[(delivered - e.Offset)..] };

            case BattleEventKind.SideDone or BattleEventKind.SideError when e.Side is { } side:
                return _finished.Add((e.Turn, side)) ? e : null;

            case BattleEventKind.BattleDone:
                if (BattleDone)
                {
                    return null;
                }

                BattleDone = true;
                return e;

            default:
                return null;
        }
    }

    private int Delivered(int turn, Side side) => _delivered.GetValueOrDefault((turn, side));

    private void Add(List<BattleEvent> events, BattleEvent e)
    {
        if (Accept(e) is { } fresh)
        {
            events.Add(fresh);
        }
    }
}
