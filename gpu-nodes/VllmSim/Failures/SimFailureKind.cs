namespace VllmSim;

/// <summary>Failures the simulator can inject, at random or forced by the <c>X-Sim-Fail</c> header.</summary>
public enum SimFailureKind
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>429 RateLimitError (header value <c>rate-limit</c> or <c>429</c>).</summary>
    RateLimit,

    /// <summary>401 AuthenticationError (<c>unauthorized</c> or <c>401</c>).</summary>
    Unauthorized,

    /// <summary>400 context length exceeded (<c>context-length</c> or <c>400</c>).</summary>
    ContextLength,

    /// <summary>404 model does not exist (<c>model-not-found</c> or <c>404</c>).</summary>
    ModelNotFound,

    /// <summary>503 ServiceUnavailableError (<c>unavailable</c> or <c>503</c>).</summary>
    Unavailable,

    /// <summary>An error event after some tokens, then <c>[DONE]</c> (<c>mid-stream-error</c>); a 500 when not streaming.</summary>
    MidStreamError,

    /// <summary>The connection is aborted after some tokens (<c>drop-connection</c>).</summary>
    DropConnection,

    /// <summary>After some tokens the server goes quiet and keeps the connection open until the client leaves (<c>stall</c>).</summary>
    Stall,
}
