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

    /// <summary>
    /// Runs one generation to activate the grain, whatever it answers. The ModelGrain on main still
    /// looks a replica key up as a model id (and so answers NotFound) until the model tier resolves
    /// replica keys through INodeEndpoints; placement happens either way.
    /// </summary>
    public static async Task DrainAsync(IModelGrain grain)
    {
        try
        {
            await CollectAsync(grain);
        }
        catch (ArenaException ex) when (ex.Kind == ArenaErrorKind.NotFound)
        {
        }
    }
}
