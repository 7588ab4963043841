namespace VllmSim.Generation;

/// <summary>What an answer says, before a style decides how to say it.</summary>
internal sealed record AnswerDraft
{
    /// <summary>The direct answer in one or two sentences.</summary>
    public required string Answer { get; init; }

    /// <summary>A neutral one-line introduction for the longer styles; null to open with <see cref="Answer"/>.</summary>
    public string? Intro { get; init; }

    /// <summary>Heading over the points in the structured style.</summary>
    public string Heading { get; init; } = "Key points";

    /// <summary>Supporting sentences (facts, steps, reasons).</summary>
    public IReadOnlyList<string> Points { get; init; } = [];

    /// <summary>True when the points are the deliverable itself (ideas, tips): every style lists all of them, and nothing else as a list.</summary>
    public bool PointsAreTheList { get; init; }

    /// <summary>Verbatim Markdown (code, poem, story, table) that every style includes.</summary>
    public string? Block { get; init; }

    /// <summary>A Markdown table for the structured style only.</summary>
    public string? Table { get; init; }

    /// <summary>A closing sentence: conclusion or summary.</summary>
    public string Closing { get; init; } = "";

    /// <summary>A question back, for the chatty style.</summary>
    public string Question { get; init; } = "Want me to go into more detail?";

    /// <summary>The whole terse answer, when the default (answer plus one point, or the block) does not fit.</summary>
    public string? Terse { get; init; }

    /// <summary>The points are steps in order (a calculation, a how-to).</summary>
    public bool Sequential { get; init; }

    /// <summary>Poems, stories and jokes: the block is the answer, the points are only notes about it.</summary>
    public bool Creative { get; init; }

    /// <summary>Greetings and small talk: no structure in any style.</summary>
    public bool Plain { get; init; }
}
