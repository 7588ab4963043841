namespace VllmSim;

/// <summary>Probability (0..1) of each injected failure, drawn independently per request.</summary>
public sealed class FailureInjectionOptions
{
    /// <summary>429 Too Many Requests.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>401 Unauthorized.</summary>
    public double UnauthorizedRate { get; set; }

    /// <summary>400 context length exceeded.</summary>
    public double ContextLengthRate { get; set; }

    /// <summary>404 model does not exist.</summary>
    public double ModelNotFoundRate { get; set; }

    /// <summary>503 Service Unavailable.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>An error event in the middle of a stream.</summary>
    public double MidStreamErrorRate { get; set; }

    /// <summary>The connection is aborted in the middle of a stream.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Probability that the stream goes quiet after some tokens and never finishes.</summary>
    public double StallRate { get; set; }
}
