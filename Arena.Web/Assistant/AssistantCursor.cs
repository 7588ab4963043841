using Arena.Assistant;

namespace Arena.Web.Assistant;

/// <summary>
/// Remembers what a watcher of one turn has received — how much text, which tool calls and results,
/// whether the end — so that events from snapshots and from the live stream merge with nothing
/// repeated and nothing lost.
/// </summary>
public sealed class AssistantCursor(int turn)
{
    private readonly HashSet<int> _calls = [];
    private readonly HashSet<int> _results = [];
    private int _text;

    /// <summary>The turn being watched.</summary>
    public int Turn { get; } = turn;

    /// <summary>True once the turn's end (done or error) has been delivered.</summary>
    public bool Finished { get; private set; }

    /// <summary>The events that bring the watcher from where it is to the snapshot: steps, then text, then the end if it came.</summary>
    public IReadOnlyList<AssistantEvent> CatchUp(AssistantSnapshot snapshot)
    {
        var events = new List<AssistantEvent>();
        if (Turn >= snapshot.Turns.Count)
        {
            return events;
        }

        var t = snapshot.Turns[Turn];
        foreach (var step in t.Steps.OrderBy(s => s.Index))
        {
            Add(events, new AssistantEvent(AssistantEventKind.ToolCall, Turn, 0, "", step with { Result = null, IsError = false, DurationMs = null }));
            if (step.Result is not null)
            {
                Add(events, new AssistantEvent(AssistantEventKind.ToolResult, Turn, 0, "", step));
            }
        }

        Add(events, new AssistantEvent(AssistantEventKind.Token, Turn, 0, t.Text, null));
        switch (t.Status)
        {
            case AssistantStatus.Done or AssistantStatus.Stopped:
                Add(events, new AssistantEvent(AssistantEventKind.TurnDone, Turn, t.Text.Length, "", null));
                break;
            case AssistantStatus.Failed:
                Add(events, new AssistantEvent(AssistantEventKind.TurnError, Turn, t.Text.Length, t.Error ?? "The assistant failed.", null));
                break;
        }

        return events;
    }

    /// <summary>True when a live event implies something before it was missed: text beyond what was delivered, a step out of order, or the end.</summary>
    public bool NeedsCatchUpBefore(AssistantEvent e) => e.Turn == Turn && e.Kind switch
    {
        AssistantEventKind.Token => e.Offset > _text,
        AssistantEventKind.ToolCall => e.Step is { } step && step.Index > _calls.Count,
        AssistantEventKind.ToolResult => e.Step is { } step && !_calls.Contains(step.Index),
        // The end is announced after the transcript is saved: read it once more so nothing before the end is lost.
        AssistantEventKind.TurnDone or AssistantEventKind.TurnError => !Finished,
        _ => false,
    };

    /// <summary>The part of the event the watcher has not seen yet, or null if it has seen all of it (or it is about another turn).</summary>
    public AssistantEvent? Accept(AssistantEvent e)
    {
        if (e.Turn != Turn || Finished)
        {
            return null;
        }

        switch (e.Kind)
        {
            case AssistantEventKind.Token:
                var end = e.Offset + e.Text.Length;
                if (end <= _text || e.Offset > _text)
                {
                    return null;
                }

                var delivered = _text;
                _text = end;
                return delivered == e.Offset ? e : e with { Offset = delivered, Text = e.Text[(delivered - e.Offset)..] };

            case AssistantEventKind.ToolCall when e.Step is { } step:
                return _calls.Add(step.Index) ? e : null;

            case AssistantEventKind.ToolResult when e.Step is { } step:
                return _calls.Contains(step.Index) && _results.Add(step.Index) ? e : null;

            case AssistantEventKind.TurnDone or AssistantEventKind.TurnError:
                Finished = true;
                return e;

            default:
                return null;
        }
    }

    private void Add(List<AssistantEvent> events, AssistantEvent e)
    {
        if (Accept(e) is { } fresh)
        {
            events.Add(fresh);
        }
    }
}
