namespace Arena.Models;

/// <summary>One replica of a model, keyed <c>model</c> or <c>model@node</c>; streams completions from its endpoint.</summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Streams a completion as coalesced batches of text, ending with a final chunk.</summary>
    IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The replica's health and load; cheap, answered between generations.</summary>
    [AlwaysInterleave]
    Task<ReplicaStatus> GetStatusAsync();

    /// <summary>The replica's request statistics since activation.</summary>
    [AlwaysInterleave]
    Task<ReplicaStats> GetStatsAsync();
}
