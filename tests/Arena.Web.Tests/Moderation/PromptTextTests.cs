using Arena.Web.Moderation;

namespace Arena.Web.Tests.Moderation;

/// <summary>The one check of typed text that battles, the chat box and the assistant share.</summary>
public sealed class PromptTextTests
{
    [Fact]
    public void Validate_TextWithSpaceAround_ReturnsItTrimmed() =>
        Assert.Equal("Name a colour.", PromptText.Validate("  Name a colour.\n", 20, "prompt", "Type something."));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public void Validate_NothingTyped_RefusedWithTheCallersWordsAndHint(string? text)
    {
        var error = Assert.Throws<ArenaException>(() => PromptText.Validate(text, 20, "message", "Type a question for the assistant."));
        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        Assert.Equal("The message is empty. Type a question for the assistant.", error.Message);
    }

    [Fact]
    public void Validate_OverTheLimitAfterTrimming_RefusedWithBothLengths()
    {
        Assert.Equal(new string('x', 5), PromptText.Validate("  xxxxx  ", 5, "prompt", "-")); // the spaces do not count
        var error = Assert.Throws<ArenaException>(() => PromptText.Validate("xxxxxx", 5, "prompt", "-"));
        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        Assert.Equal("The prompt has 6 characters; the limit is 5.", error.Message);
    }
}
