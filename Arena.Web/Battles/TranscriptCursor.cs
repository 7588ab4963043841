using Arena.Battles;

namespace Arena.Web.Battles;

/// <summary>
/// Remembers how much of each side's answer a client has received, so that events from a snapshot
/// and from the live stream can be merged with nothing repeated and nothing lost. It can start from a
/// <see cref="TranscriptPosition"/> a reconnecting client sent, and tells the position after each event.
/// </summary>
public sealed class TranscriptCursor
{
    private readonly Dictionary<(int Turn, Side Side), int> _delivered = [];
    private readonly HashSet<(int Turn, Side Side)> _finished = [];
    private readonly HashSet<int> _turnsEnded = [];

    /// <summary>Turns before this one the client has read whole.</summary>
    private readonly int _resumeTurn;
    private readonly bool _resumed;
    private int _lastTurn;

    /// <summary>A cursor for a client that has received nothing yet.</summary>
    public TranscriptCursor()
    {
    }

    /// <summary>A cursor for a client that has received everything up to <paramref name="after"/>.</summary>
    public TranscriptCursor(TranscriptPosition? after)
    {
        if (after is null)
        {
            return;
        }

        _resumed = true;
        _resumeTurn = _lastTurn = after.Turn;
        _delivered[(after.Turn, Side.A)] = after.OffsetA;
        _delivered[(after.Turn, Side.B)] = after.OffsetB;
        if (after.EndedA)
        {
            _finished.Add((after.Turn, Side.A));
        }

        if (after.EndedB)
        {
            _finished.Add((after.Turn, Side.B));
        }

        if (after.TurnEnded)
        {
            _turnsEnded.Add(after.Turn);
        }
    }

    /// <summary>True once the battle-done event of the latest turn known has been delivered.</summary>
    public bool BattleDone => _turnsEnded.Contains(_lastTurn);

    /// <summary>What the client has of <paramref name="turn"/>, as the id of the event that brought it there.</summary>
    public TranscriptPosition PositionIn(int turn) => new(
        turn,
        Delivered(turn, Side.A),
        Delivered(turn, Side.B),
        Finished(turn, Side.A),
        Finished(turn, Side.B),
        _turnsEnded.Contains(turn));

    /// <summary>
    /// The events that bring a client from where it is to the snapshot. A finished turn's battle-done event
    /// is sent for the last turn, and for earlier turns only if the client was following them. The cursor
    /// advances as the sequence is read, so <see cref="PositionIn"/> gives the position after each event.
    /// </summary>
    public IEnumerable<BattleEvent> CatchUp(BattleSnapshot snapshot)
    {
        var last = snapshot.Turns.Count - 1;
        _lastTurn = Math.Max(_lastTurn, last);
        for (var turn = 0; turn < snapshot.Turns.Count; turn++)
        {
            var followed = Followed(turn);
            var t = snapshot.Turns[turn];
            foreach (var (side, answer) in new[] { (Side.A, t.A), (Side.B, t.B) })
            {
                if (Accept(new BattleEvent(BattleEventKind.Token, turn, side, 0, answer.Text)) is { } text)
                {
                    yield return text;
                }

                var end = answer.Status switch
                {
                    SideStatus.Done => new BattleEvent(BattleEventKind.SideDone, turn, side, answer.Text.Length, ""),
                    SideStatus.Failed => new BattleEvent(BattleEventKind.SideError, turn, side, answer.Text.Length, answer.Error ?? "The model failed."),
                    _ => null,
                };
                if (end is not null && Accept(end) is { } ended)
                {
                    yield return ended;
                }
            }

            var finished = turn < last || snapshot.Status is BattleStatus.ReadyToVote or BattleStatus.Failed or BattleStatus.Voted;
            if (finished && (turn == last || followed) && Accept(new BattleEvent(BattleEventKind.BattleDone, turn, null, 0, "")) is { } done)
            {
                yield return done;
            }
        }
    }

    /// <summary>
    /// True when something before a live event is missing: a token or a side's end beyond the text delivered (a
    /// side's end carries the length of its answer), or a turn's end before both of its sides ended.
    /// </summary>
    public bool HasGapBefore(BattleEvent e) => e switch
    {
        { Kind: BattleEventKind.Token or BattleEventKind.SideDone or BattleEventKind.SideError, Side: { } side } => e.Offset > Delivered(e.Turn, side),
        { Kind: BattleEventKind.BattleDone } => !(Finished(e.Turn, Side.A) && Finished(e.Turn, Side.B)),
        _ => false,
    };

    /// <summary>The part of the event the client has not seen yet, or null if it has seen all of it.</summary>
    public BattleEvent? Accept(BattleEvent e)
    {
        if (e.Turn < _resumeTurn)
        {
            return null;
        }

        _lastTurn = Math.Max(_lastTurn, e.Turn);
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
                return _turnsEnded.Add(e.Turn) ? e : null;

            default:
                return null;
        }
    }

    private int Delivered(int turn, Side side) => turn < _resumeTurn ? int.MaxValue : _delivered.GetValueOrDefault((turn, side));

    private bool Finished(int turn, Side side) => turn < _resumeTurn || _finished.Contains((turn, side));

    /// <summary>Whether the client has received anything of the turn (or resumed inside it).</summary>
    private bool Followed(int turn) =>
        (_resumed && turn == _resumeTurn)
        || _delivered.GetValueOrDefault((turn, Side.A)) > 0
        || _delivered.GetValueOrDefault((turn, Side.B)) > 0
        || _finished.Contains((turn, Side.A))
        || _finished.Contains((turn, Side.B));
}
