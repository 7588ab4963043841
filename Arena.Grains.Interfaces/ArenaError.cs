namespace Arena;

/// <summary>What kind of client mistake an <see cref="ArenaException"/> reports.</summary>
public enum ArenaErrorKind
{
    /// <summary>The request is malformed or out of bounds.</summary>
    Invalid,

    /// <summary>The thing asked for does not exist.</summary>
    NotFound,

    /// <summary>The caller may not do this.</summary>
    Forbidden,

    /// <summary>The request conflicts with the current state (e.g. a second vote).</summary>
    Conflict,

    /// <summary>A dependency such as a model is not available right now.</summary>
    Unavailable,

    /// <summary>A rate limit or a per-session cap refused the request; see <see cref="ArenaException.RetryAfter"/>.</summary>
    TooManyRequests,
}

/// <summary>A request Arena refused, with a message fit for the user. Nothing was changed.</summary>
[GenerateSerializer]
public sealed class ArenaException : Exception
{
    public ArenaException(ArenaErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>What kind of mistake this is; hosts map it to a status code.</summary>
    [Id(0)]
    public ArenaErrorKind Kind { get; private set; }

    /// <summary>When a refused request may succeed if sent again; null when waiting will not help.</summary>
    [Id(1)]
    public TimeSpan? RetryAfter { get; private set; }

    public static ArenaException Invalid(string message) => new(ArenaErrorKind.Invalid, message);
    public static ArenaException NotFound(string message) => new(ArenaErrorKind.NotFound, message);
    public static ArenaException Forbidden(string message) => new(ArenaErrorKind.Forbidden, message);
    public static ArenaException Conflict(string message) => new(ArenaErrorKind.Conflict, message);
    public static ArenaException Unavailable(string message) => new(ArenaErrorKind.Unavailable, message);
    public static ArenaException Unavailable(string message, TimeSpan retryAfter) => new(ArenaErrorKind.Unavailable, message) { RetryAfter = retryAfter };
    public static ArenaException TooManyRequests(string message, TimeSpan? retryAfter) => new(ArenaErrorKind.TooManyRequests, message) { RetryAfter = retryAfter };
}
