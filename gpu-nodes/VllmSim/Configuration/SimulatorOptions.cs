namespace VllmSim;

/// <summary>Settings of one simulator process; bound from the <c>VllmSim</c> configuration section.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "VllmSim";

    /// <summary>Simulated models served under <c>/v1</c>.</summary>
    public List<SimModelOptions> Models { get; set; } = SimModelCatalog.Defaults();

    /// <summary>Requests generating at once, per model (vLLM's <c>--max-num-seqs</c>).</summary>
    public int MaxNumSeqs { get; set; } = 64;

    /// <summary>Requests allowed to wait for a slot, per model; beyond that the server answers 503.</summary>
    public int MaxWaiting { get; set; } = 256;

    /// <summary>Multiplies every latency; 0 means no delays at all.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Seed of the failure-injection dice; null draws a random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>When set, <c>/v1/*</c> requires <c>Authorization: Bearer &lt;ApiKey&gt;</c> (vLLM's <c>--api-key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Version reported by <c>GET /version</c>.</summary>
    public string Version { get; set; } = "0.11.0";

    /// <summary>Honour the <c>X-Sim-Fail</c> request header that forces a failure.</summary>
    public bool AllowFailureHeader { get; set; } = true;

    /// <summary>Random failures for every model (a model's own <see cref="SimModelOptions.Failures"/> replaces these).</summary>
    public FailureInjectionOptions Failures { get; set; } = new();
}
