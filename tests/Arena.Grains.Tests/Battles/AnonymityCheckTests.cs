using Arena.Battles;
using Arena.Models;

namespace Arena.Grains.Tests.Battles;

public sealed class AnonymityCheckTests
{
    [Theory]
    [InlineData("As an AI made by OpenAI, I think...", "Sure.", "A", "openai")]
    [InlineData("Sure.", "I'm Llama, here to help.", "B", "llama")]
    [InlineData("I am Claude.", "Fine.", "A", "claude")]
    public void Violation_AnswerNamesAVendor_SaysWhichSideAndWord(string a, string b, string side, string word)
    {
        var reason = AnonymityCheck.Violation(a, b, null, null);

        Assert.NotNull(reason);
        Assert.Contains($"Answer {side}", reason, StringComparison.Ordinal);
        Assert.Contains(word, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The metadata of a file describes it.")]
    [InlineData("Thermometers measure temperature; a llamas' wool is warm.")]
    [InlineData("")]
    public void Violation_OrdinaryText_None(string text)
    {
        Assert.Null(AnonymityCheck.Violation(text, "Plain answer.", null, null));
    }

    [Fact]
    public void Violation_ModelsOwnIdentityWord_Found()
    {
        var model = new ModelDefinition { Id = "house-model", IdentityWords = ["Zephyrine"] };

        var reason = AnonymityCheck.Violation("Hi, zephyrine here.", "", model, null);

        Assert.Contains("zephyrine", reason!, StringComparison.OrdinalIgnoreCase);
    }
}
