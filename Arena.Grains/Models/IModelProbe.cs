namespace Arena.Models;

/// <summary>Checks that a model's endpoint is up and serves the model.</summary>
public interface IModelProbe
{
    /// <summary>Null when the endpoint is fit; otherwise what is wrong.</summary>
    Task<string?> ProbeAsync(ModelDefinition model, Uri endpoint, CancellationToken cancellationToken);
}
