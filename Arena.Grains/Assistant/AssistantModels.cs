using Arena.Models;
using Microsoft.Extensions.Options;

namespace Arena.Assistant;

/// <summary>
/// Chooses the assistant's model: the configured catalog id; else OpenAI when its key is in the
/// environment; else the embedded simulator's tool-calling <c>sim-assistant</c>.
/// </summary>
public sealed class AssistantModels(ModelCatalog catalog, IOptions<AssistantOptions> options)
{
    public const string SimulatedAssistant = "sim-assistant";
    public const string OpenAiBaseUrl = "https://api.openai.com/v1";

    /// <summary>The model to use now; Unavailable, saying what to configure, when there is none.</summary>
    public AssistantModel Resolve()
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.Model))
        {
            var configured = catalog.Find(o.Model)
                ?? throw ArenaException.Unavailable($"The assistant's model '{o.Model}' ({AssistantOptions.Section}:Model) is not among the configured models (Arena:Models).");
            return FromCatalog(configured);
        }

        var openAiKey = Environment.GetEnvironmentVariable(o.OpenAiApiKeyVariable);
        if (!string.IsNullOrEmpty(openAiKey))
        {
            var openAi = new ModelDefinition
            {
                Id = o.OpenAiModel,
                Provider = "openai",
                ApiKeyVariable = o.OpenAiApiKeyVariable,
                SupportsTools = true,
                InArena = false,
            };
            return new AssistantModel(openAi, new Uri(OpenAiBaseUrl), openAiKey);
        }

        var simulated = catalog.Find(SimulatedAssistant)
            ?? throw ArenaException.Unavailable(
                $"The assistant has no model: set {o.OpenAiApiKeyVariable} to use OpenAI, or {AssistantOptions.Section}:Model to a tool-capable model in Arena:Models.");
        return FromCatalog(simulated);
    }

    private static AssistantModel FromCatalog(ModelDefinition model)
    {
        if (!model.SupportsTools)
        {
            throw ArenaException.Unavailable($"The assistant's model '{model.Id}' cannot call tools (SupportsTools is false); choose a tool-capable model.");
        }

        if (model.ResolvedBaseUrl is not { } baseUrl)
        {
            throw ArenaException.Unavailable($"The assistant's model '{model.Id}' has no base URL; configure Arena:Models BaseUrl for it.");
        }

        string? key;
        try
        {
            key = ModelApiKey.Read(model);
        }
        catch (InvalidOperationException ex)
        {
            throw ArenaException.Unavailable($"The assistant's model '{model.Id}' cannot be used: {ex.Message}");
        }

        return new AssistantModel(model, new Uri(baseUrl), key);
    }
}
