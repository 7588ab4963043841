namespace Arena.Models;

/// <summary>Reads a model's API key from the environment variable its configuration names.</summary>
public static class ModelApiKey
{
    /// <summary>The key, or null when the model needs none; throws when the named variable is unset.</summary>
    public static string? Read(ModelDefinition model)
    {
        if (string.IsNullOrEmpty(model.ApiKeyVariable))
        {
            return null;
        }

        var key = Environment.GetEnvironmentVariable(model.ApiKeyVariable);
        return string.IsNullOrEmpty(key)
            ? throw new InvalidOperationException($"The API key variable {model.ApiKeyVariable} is not set.")
            : key;
    }
}
