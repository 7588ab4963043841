using Arena.Battles;

namespace Arena.Web.Components.Battles;

/// <summary>
/// The page's model of one battle: built from a snapshot, advanced by live events, replaced again by the
/// final snapshot. It never holds model ids before the vote, because the snapshot does not carry them.
/// </summary>
public sealed class BattleTranscript
{
    private readonly List<TurnView> _turns = [];

    /// <summary>The battle shown.</summary>
    public Guid BattleId { get; private set; }

    /// <summary>Where the battle stands, as far as the page knows.</summary>
    public BattleStatus Status { get; private set; }

    /// <summary>The prompts and both sides' answers.</summary>
    public IReadOnlyList<TurnView> Turns => _turns;

    /// <summary>The outcome the user chose, once voted.</summary>
    public BattleOutcome? Vote { get; private set; }

    /// <summary>The models and their new ratings, once voted.</summary>
    public VoteReveal? Reveal { get; private set; }

    /// <summary>Blind (models hidden until the vote) or named (shown from the start, never rated).</summary>
    public BattleMode Mode { get; private set; }

    /// <summary>Side A's model: null in a blind battle until the vote.</summary>
    public string? ModelA { get; private set; }

    /// <summary>Side B's model: null in a blind battle until the vote.</summary>
    public string? ModelB { get; private set; }

    /// <summary>The battle's read-only page, once it may be shared.</summary>
    public string? ShareUrl { get; private set; }

    /// <summary>True for a battle between models the user picked.</summary>
    public bool IsNamed => Mode == BattleMode.Named;

    /// <summary>The prompts that count (regenerated ones left out).</summary>
    public int ActiveTurns => _turns.Count(t => !t.Superseded);

    /// <summary>True once neither side is still answering.</summary>
    public bool IsFinished => Status is BattleStatus.ReadyToVote or BattleStatus.Failed or BattleStatus.Voted;

    /// <summary>True when both sides answered and nobody voted yet.</summary>
    public bool IsReadyToVote => Status == BattleStatus.ReadyToVote && Reveal is null;

    /// <summary>Replaces everything with the battle as the grain sees it.</summary>
    public void Load(BattleSnapshot snapshot)
    {
        BattleId = snapshot.BattleId;
        Status = snapshot.Status;
        Vote = snapshot.Vote;
        Reveal = snapshot.Reveal;
        Mode = snapshot.Mode;
        ModelA = snapshot.ModelA ?? snapshot.Reveal?.A.Model;
        ModelB = snapshot.ModelB ?? snapshot.Reveal?.B.Model;
        ShareUrl = snapshot.ShareUrl;
        _turns.Clear();
        foreach (var turn in snapshot.Turns)
        {
            var view = new TurnView(turn.Prompt, turn.Superseded);
            view.A.Load(turn.A);
            view.B.Load(turn.B);
            _turns.Add(view);
        }
    }

    /// <summary>Advances the transcript by one live event.</summary>
    public void Apply(BattleEvent e)
    {
        if (e.Kind == BattleEventKind.BattleDone)
        {
            if (!IsFinished)
            {
                var last = _turns.Count > 0 ? _turns[^1] : null;
                var bothDone = last is { A.Status: SideStatus.Done, B.Status: SideStatus.Done };
                Status = bothDone ? BattleStatus.ReadyToVote : BattleStatus.Failed;
            }

            return;
        }

        if (e.Side is not { } side || e.Turn < 0 || e.Turn >= _turns.Count)
        {
            return;
        }

        var answer = _turns[e.Turn][side];
        switch (e.Kind)
        {
            case BattleEventKind.Token:
                answer.Append(e.Offset, e.Text);
                break;
            case BattleEventKind.SideDone:
                answer.Finish();
                break;
            case BattleEventKind.SideError:
                answer.Fail(e.Text);
                break;
        }
    }

    /// <summary>Records the user's vote and the reveal it returned.</summary>
    public void Revealed(VoteReveal reveal)
    {
        Reveal = reveal;
        Vote = reveal.Outcome;
        Status = BattleStatus.Voted;
        ModelA = reveal.A.Model;
        ModelB = reveal.B.Model;
    }
}

/// <summary>One prompt and both anonymous answers to it.</summary>
public sealed class TurnView(string prompt, bool superseded = false)
{
    /// <summary>What the user asked.</summary>
    public string Prompt { get; } = prompt;

    /// <summary>True when the user regenerated this turn; a later turn holds the answers that count.</summary>
    public bool Superseded { get; } = superseded;

    /// <summary>Assistant A's answer.</summary>
    public AnswerView A { get; } = new();

    /// <summary>Assistant B's answer.</summary>
    public AnswerView B { get; } = new();

    /// <summary>The answer of one side.</summary>
    public AnswerView this[Side side] => side == Side.A ? A : B;
}
