namespace Arena.Models;

/// <summary>Arena's one door to model servers; nothing else sees a vendor SDK.</summary>
public interface IChatModelClient
{
    /// <summary>Streams a chat completion from the model's endpoint. Failures surface as exceptions.</summary>
    IAsyncEnumerable<ModelUpdate> StreamAsync(ModelDefinition model, GenerationRequest request, CancellationToken cancellationToken);
}
