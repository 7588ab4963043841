using System.ComponentModel.DataAnnotations;

namespace Arena.Models;

/// <summary>One model Arena can call, from configuration (<c>Arena:Models:n</c>).</summary>
public sealed class ModelDefinition
{
    /// <summary>Arena's id for the model, unique, e.g. <c>sim-llama-3.1-8b</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$", ErrorMessage = "A model id is 1-128 letters, digits or . _ : @ / -, starting with a letter or digit.")]
    public string Id { get; set; } = "";

    /// <summary>The name shown after the reveal; defaults to the id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>What serves it: vllm, openai, ollama, groq, mistral, or any OpenAI-compatible server.</summary>
    [Required]
    public string Provider { get; set; } = "vllm";

    /// <summary>The OpenAI-compatible base URL, ending in <c>/v1</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "";

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

    public string Name => DisplayName ?? Id;

    public string ServedName => ServedModelName ?? Id;
}
