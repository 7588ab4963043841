using Arena.Grains.Tests.Battles;
using Arena.Models;

namespace Arena.Grains.Tests.Models;

[Collection(HealthyArenaCollection.Name)]
public sealed class ModelGrainTests(HealthyArenaFixture arena)
{
    [Fact]
    public async Task GenerateAsync_HealthyModel_StreamsTextThenOneFinalCompletion()
    {
        var chunks = await Collect("sim-terse", "What is the capital of France?");

        var final = chunks[^1];
        Assert.NotNull(final.Completion);
        Assert.Null(final.Error);
        Assert.All(chunks[..^1], c => Assert.False(c.IsFinal));
        Assert.Equal("stop", final.Completion.FinishReason);
        Assert.True(final.Completion.InputTokens > 0);
        Assert.Equal(chunks.Sum(c => c.Tokens), final.Completion.OutputTokens);
        Assert.NotEmpty(string.Concat(chunks.Select(c => c.Text)));
        Assert.True(final.Completion.TimeToFirstTokenMs <= final.Completion.DurationMs);
    }

    [Fact]
    public async Task GenerateAsync_MaxOutputTokens_FinishesWithLength()
    {
        var chunks = await Collect("sim-chatty", "Tell me a long story about dragons.", maxTokens: 5);

        Assert.Equal("length", chunks[^1].Completion?.FinishReason);
        Assert.Equal(5, chunks.Sum(c => c.Tokens));
    }

    [Fact]
    public async Task GenerateAsync_UnknownModel_NotFound()
    {
        var error = await Assert.ThrowsAsync<ArenaException>(() => Collect("no-such-model", "hi"));

        Assert.Equal(ArenaErrorKind.NotFound, error.Kind);
    }

    private async Task<List<GenerationChunk>> Collect(string model, string prompt, int? maxTokens = null)
    {
        var request = new GenerationRequest([new ChatMessage(ChatRole.User, prompt)], maxTokens);
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in arena.Client.GetGrain<IModelGrain>(model).GenerateAsync(request))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
