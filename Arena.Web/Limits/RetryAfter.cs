using System.Globalization;

namespace Arena.Web.Limits;

/// <summary>How refusals word and send their retry time.</summary>
public static class RetryAfter
{
    /// <summary>The ProblemDetails title of every refusal by a limit or cap.</summary>
    public const string Title = "Too many requests";

    /// <summary>The <c>Retry-After</c> header value: whole seconds, at least 1.</summary>
    public static string Seconds(TimeSpan wait) => WholeSeconds(wait).ToString(CultureInfo.InvariantCulture);

    /// <summary>Whole seconds to wait, rounded up, at least 1.</summary>
    public static long WholeSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    /// <summary>A window in words: "a minute", "an hour", "a day", "per 10 minutes", "per 30 s".</summary>
    public static string Describe(TimeSpan window) => window switch
    {
        _ when window == TimeSpan.FromMinutes(1) => "a minute",
        _ when window == TimeSpan.FromHours(1) => "an hour",
        _ when window == TimeSpan.FromDays(1) => "a day",
        _ when window.TotalHours >= 1 && window.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"per {window.TotalHours:0} hours"),
        _ when window.TotalMinutes >= 1 && window.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"per {window.TotalMinutes:0} minutes"),
        _ => string.Create(CultureInfo.InvariantCulture, $"per {WholeSeconds(window)} s"),
    };
}
