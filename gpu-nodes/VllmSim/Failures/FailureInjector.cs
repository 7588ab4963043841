namespace VllmSim.Failures;

/// <summary>Chooses the failure for a request: the one forced by header, else one drawn from the configured rates.</summary>
internal sealed class FailureInjector(SimulatorOptions options)
{
    public const string HeaderName = "X-Sim-Fail";

    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _gate = new();

    public SimFailureKind Choose(SimModelOptions? model, string? header)
    {
        if (options.AllowFailureHeader && !string.IsNullOrWhiteSpace(header))
        {
            return Parse(header);
        }

        var rates = model?.Failures ?? options.Failures;
        (SimFailureKind Kind, double Rate)[] table =
        [
            (SimFailureKind.RateLimit, rates.RateLimitRate),
            (SimFailureKind.Unauthorized, rates.UnauthorizedRate),
            (SimFailureKind.ContextLength, rates.ContextLengthRate),
            (SimFailureKind.ModelNotFound, rates.ModelNotFoundRate),
            (SimFailureKind.Unavailable, rates.UnavailableRate),
            (SimFailureKind.MidStreamError, rates.MidStreamErrorRate),
            (SimFailureKind.DropConnection, rates.DropConnectionRate),
            (SimFailureKind.Stall, rates.StallRate),
        ];
        foreach (var (kind, rate) in table)
        {
            if (rate > 0 && NextDouble() < rate)
            {
                return kind;
            }
        }

        return SimFailureKind.None;
    }

    /// <summary>Reads a header value such as <c>429</c>, <c>rate-limit</c> or <c>RateLimit</c>.</summary>
    public static SimFailureKind Parse(string value)
    {
        var key = value.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return key switch
        {
            "429" or "ratelimit" or "ratelimited" => SimFailureKind.RateLimit,
            "401" or "unauthorized" or "auth" => SimFailureKind.Unauthorized,
            "400" or "contextlength" or "context" => SimFailureKind.ContextLength,
            "404" or "modelnotfound" or "notfound" => SimFailureKind.ModelNotFound,
            "503" or "unavailable" => SimFailureKind.Unavailable,
            "midstream" or "midstreamerror" or "streamerror" => SimFailureKind.MidStreamError,
            "drop" or "dropconnection" or "disconnect" => SimFailureKind.DropConnection,
            "stall" or "hang" => SimFailureKind.Stall,
            "none" or "" => SimFailureKind.None,
            _ => throw new Protocol.SimException(StatusCodes.Status400BadRequest, "BadRequestError",
                $"Unknown {HeaderName} value `{value}`. Use one of: rate-limit, unauthorized, context-length, model-not-found, unavailable, mid-stream-error, drop-connection, stall.",
                HeaderName),
        };
    }

    private double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}
