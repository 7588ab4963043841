namespace Arena.Web.Hosting;

/// <summary>The embedded VllmSim (configuration section <c>Arena:Simulator</c>).</summary>
public sealed class SimulatorSettings
{
    public const string Section = "Arena:Simulator";

    /// <summary>Start VllmSim on loopback and add its models to the arena.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where VllmSim listens; port 0 picks a free one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Multiplies the simulated latencies; below 1 is faster, 0 removes them.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Failures to inject into every simulated model (rates 0..1), for demos and tests of failure handling.</summary>
    public VllmSim.FailureInjectionOptions Failures { get; set; } = new();
}
