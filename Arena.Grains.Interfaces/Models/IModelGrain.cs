namespace Arena.Models;

/// <summary>One model (or model replica), keyed by model id; streams completions from its endpoint.</summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Streams a completion as coalesced batches of text, ending with a final chunk.</summary>
    IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);
}
