extern alias ArenaWeb;

using Arena.Assistant;
using ArenaWeb::Arena.Web.Components.Assistant;

namespace Arena.Browser.Tests.Components;

public sealed class AssistantTranscriptTests
{
    private static AssistantEvent Token(int offset, string text) => new(AssistantEventKind.Token, 0, offset, text, null);

    private static ToolStep Step(int index, string? result, bool isError = false) =>
        new(index, $"call_{index}", "column_stats", """{"column":"amount"}""", result, isError, result is null ? null : 12);

    [Fact]
    public void Apply_TokensRepeatedOrOverlapping_TextHasEachCharacterOnce()
    {
        var transcript = new AssistantTranscript();

        transcript.Apply(Token(0, "The mean "));
        transcript.Apply(Token(0, "The mean "));
        transcript.Apply(Token(4, "mean is 42"));
        transcript.Apply(Token(14, "."));

        Assert.Equal("The mean is 42.", transcript.Text);
        Assert.False(transcript.IsFinished);
    }

    [Fact]
    public void Apply_ToolCallThenResult_OneStepWithTheResult_AndALateCallDoesNotUndoIt()
    {
        var transcript = new AssistantTranscript();

        transcript.Apply(new AssistantEvent(AssistantEventKind.ToolCall, 0, 0, "", Step(0, null)));
        transcript.Apply(new AssistantEvent(AssistantEventKind.ToolResult, 0, 0, "", Step(0, """{"mean":42}""")));
        transcript.Apply(new AssistantEvent(AssistantEventKind.ToolCall, 0, 0, "", Step(0, null)));
        transcript.Apply(new AssistantEvent(AssistantEventKind.ToolResult, 0, 0, "", Step(1, "no such column", isError: true)));

        Assert.Collection(transcript.Steps,
            s => Assert.Equal(("""{"mean":42}""", false), (s.Result, s.IsError)),
            s => Assert.True(s.IsError));
    }

    [Fact]
    public void Apply_TurnError_FinishesAsFailedWithTheReason()
    {
        var transcript = new AssistantTranscript();

        transcript.Apply(new AssistantEvent(AssistantEventKind.TurnError, 0, 0, "The model is unavailable.", null));

        Assert.Equal((AssistantStatus.Failed, "The model is unavailable."), (transcript.Status, transcript.Error));
        Assert.True(transcript.IsFinished);
    }
}
