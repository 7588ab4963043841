namespace Arena.Models;

/// <summary>Arena's one door to model servers; nothing else sees a vendor SDK.</summary>
public interface IChatModelClient
{
    /// <summary>Streams a chat completion from one endpoint (…/v1) of the model. Failures surface as exceptions.</summary>
    IAsyncEnumerable<ModelUpdate> StreamAsync(ModelDefinition model, Uri endpoint, GenerationRequest request, CancellationToken cancellationToken);
}
