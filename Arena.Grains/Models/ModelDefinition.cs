using System.ComponentModel.DataAnnotations;

namespace Arena.Models;

/// <summary>One model Arena can call, from configuration (<c>Arena:Models:n</c>).</summary>
public sealed class ModelDefinition
{
    /// <summary>Arena's id for the model, unique, e.g. <c>sim-llama-3.1-8b</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$", ErrorMessage = "A model id is 1-128 letters, digits or . _ : / -, starting with a letter or digit.")]
    public string Id { get; set; } = "";

    /// <summary>The name shown after the reveal; defaults to the id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>What serves it: vllm, openai, ollama, groq, mistral, or openai-compatible (any other server).</summary>
    [Required]
    [RegularExpression("^(vllm|openai|ollama|groq|mistral|openai-compatible)$", ErrorMessage = "The provider is one of vllm, openai, ollama, groq, mistral, openai-compatible.")]
    public string Provider { get; set; } = "vllm";

    /// <summary>
    /// The OpenAI-compatible base URL, ending in <c>/v1</c>. Optional for openai, groq, mistral and
    /// ollama (their usual address is used), and for vllm models served by GPU-node silos (each node
    /// advertises where its vLLM listens).
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The model name the server knows it by; defaults to the id.</summary>
    public string? ServedModelName { get; set; }

    /// <summary>The name of the environment variable that holds the API key, if the server needs one.</summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>Whether the model answers from VllmSim rather than a real model.</summary>
    public bool Simulated { get; set; }

    /// <summary>Whether the model takes part in anonymous battles.</summary>
    public bool InArena { get; set; } = true;

    /// <summary>The most answers this model streams at once from this silo.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrency { get; set; } = 256;

    /// <summary>How often the model is drawn for a battle, relative to the others.</summary>
    [Range(0.0, 1000.0)]
    public double Weight { get; set; } = 1.0;

    /// <summary>The price of a million input tokens, in dollars.</summary>
    [Range(0.0, 100_000.0)]
    public double InputPricePerMillion { get; set; }

    /// <summary>The price of a million output tokens, in dollars.</summary>
    [Range(0.0, 100_000.0)]
    public double OutputPricePerMillion { get; set; }

    /// <summary>Whether the model can call tools (the assistant route needs one that can).</summary>
    public bool SupportsTools { get; set; }

    /// <summary>
    /// Whether exact repeats of a question (same conversation and sampling settings) may be answered from
    /// the answer cache, replayed at the recorded pace (<c>Arena:AnswerCache</c>); off unless opted in.
    /// </summary>
    public bool CacheAnswers { get; set; }

    /// <summary>Words that give the model away if an answer says them (its family, its vendor); battles that do are not rated.</summary>
    public List<string> IdentityWords { get; set; } = [];

    public string Name => DisplayName ?? Id;

    /// <summary>The configured base URL, or the provider's usual one; null when GPU nodes must supply it.</summary>
    public string? ResolvedBaseUrl => !string.IsNullOrWhiteSpace(BaseUrl) ? BaseUrl : Provider switch
    {
        "openai" => "https://api.openai.com/v1",
        "groq" => "https://api.groq.com/openai/v1",
        "mistral" => "https://api.mistral.ai/v1",
        "ollama" => "http://127.0.0.1:11434/v1",
        _ => null,
    };

    public string ServedName => ServedModelName ?? Id;

    /// <summary>The price of this many input and output tokens at the configured prices, in dollars.</summary>
    public double CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPricePerMillion + outputTokens * OutputPricePerMillion) / 1_000_000.0;
}
