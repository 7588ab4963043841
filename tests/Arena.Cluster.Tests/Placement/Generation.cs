using Arena.Models;

namespace Arena.Cluster.Tests.Placement;

/// <summary>Reads a ModelGrain's answer.</summary>
public static class Generation
{
    private static GenerationRequest Request() => new([new ChatMessage(ChatRole.User, "What is the capital of France?")], 16);

    public static async Task<List<GenerationChunk>> CollectAsync(IModelGrain grain)
    {
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in grain.GenerateAsync(Request()))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
