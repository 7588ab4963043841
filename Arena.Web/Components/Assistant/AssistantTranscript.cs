using Arena.Assistant;

namespace Arena.Web.Components.Assistant;

/// <summary>One assistant turn as the page shows it, built from its events: tool steps in order, then the text.</summary>
public sealed class AssistantTranscript
{
    private readonly SortedDictionary<int, ToolStep> _steps = [];
    private readonly System.Text.StringBuilder _text = new();

    public IReadOnlyCollection<ToolStep> Steps => _steps.Values;

    public string Text => _text.ToString();

    public AssistantStatus Status { get; private set; } = AssistantStatus.Running;

    public string? Error { get; private set; }

    public bool IsFinished => Status is not AssistantStatus.Running;

    /// <summary>Applies one event; text is placed at its offset, so a repeated event changes nothing.</summary>
    public void Apply(AssistantEvent e)
    {
        switch (e.Kind)
        {
            case AssistantEventKind.Token:
                if (e.Offset == _text.Length)
                {
                    _text.Append(e.Text);
                }
                else if (e.Offset < _text.Length && e.Offset + e.Text.Length > _text.Length)
                {
                    _text.Append(e.Text.AsSpan(_text.Length - e.Offset));
                }

                break;
            case AssistantEventKind.ToolCall:
            case AssistantEventKind.ToolResult:
                if (e.Step is { } step && (e.Kind == AssistantEventKind.ToolResult || !_steps.ContainsKey(step.Index)))
                {
                    _steps[step.Index] = step;
                }

                break;
            case AssistantEventKind.TurnDone:
                Status = AssistantStatus.Done;
                break;
            case AssistantEventKind.TurnError:
                Status = AssistantStatus.Failed;
                Error = e.Text;
                break;
        }
    }

    /// <summary>Replaces everything with a finished turn from a snapshot (authoritative: status, steps, text).</summary>
    public void Load(AssistantTurnSnapshot turn)
    {
        _steps.Clear();
        foreach (var step in turn.Steps)
        {
            _steps[step.Index] = step;
        }

        _text.Clear().Append(turn.Text);
        Status = turn.Status;
        Error = turn.Error;
    }
}
