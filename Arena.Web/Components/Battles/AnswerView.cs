using System.Text;
using Arena.Battles;

namespace Arena.Web.Components.Battles;

/// <summary>One side's answer as the page shows it, filled from a snapshot and then from live events.</summary>
public sealed class AnswerView
{
    private readonly StringBuilder _text = new();
    private string? _cached;

    /// <summary>Where the answer stands.</summary>
    public SideStatus Status { get; private set; }

    /// <summary>Why the side failed, when it did.</summary>
    public string? Error { get; private set; }

    /// <summary>Tokens generated, once known from a snapshot.</summary>
    public int OutputTokens { get; private set; }

    /// <summary>Time to the first token, once known from a snapshot.</summary>
    public double? TimeToFirstTokenMs { get; private set; }

    /// <summary>Total generation time, once known from a snapshot.</summary>
    public double? DurationMs { get; private set; }

    /// <summary>True when the owner stopped this side before it finished; its text is what it had written.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The text so far.</summary>
    public string Text => _cached ??= _text.ToString();

    /// <summary>True once the side finished, well or not.</summary>
    public bool IsFinished => Status is SideStatus.Done or SideStatus.Failed;

    /// <summary>True while nothing has arrived and the side is still working: the page shows it thinking.</summary>
    public bool IsThinking => !IsFinished && _text.Length == 0;

    /// <summary>Replaces everything with the authoritative snapshot of this side.</summary>
    public void Load(SideSnapshot side)
    {
        _text.Clear().Append(side.Text);
        _cached = null;
        Status = side.Status;
        Error = side.Error;
        OutputTokens = side.OutputTokens;
        TimeToFirstTokenMs = side.TimeToFirstTokenMs;
        DurationMs = side.DurationMs;
        Stopped = side.Stopped;
    }

    /// <summary>Appends text that starts at <paramref name="offset"/>; what is already here is skipped.</summary>
    public void Append(int offset, string text)
    {
        var have = _text.Length;
        if (offset > have || offset + text.Length <= have)
        {
            // A gap cannot be filled from here, and a repeat adds nothing; the final snapshot repairs either.
            return;
        }

        _text.Append(text, have - offset, text.Length - (have - offset));
        _cached = null;
        if (Status == SideStatus.Waiting)
        {
            Status = SideStatus.Streaming;
        }
    }

    /// <summary>Marks the side finished.</summary>
    public void Finish() => Status = SideStatus.Done;

    /// <summary>Marks the side failed with a reason.</summary>
    public void Fail(string error)
    {
        Status = SideStatus.Failed;
        Error = error;
    }
}
