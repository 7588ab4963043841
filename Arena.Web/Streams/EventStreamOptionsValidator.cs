using System.Globalization;
using Microsoft.Extensions.Options;

namespace Arena.Web.Streams;

/// <summary>Refuses event stream settings out of their bounds on start, naming the setting, its value and the bounds.</summary>
public sealed class EventStreamOptionsValidator : IValidateOptions<EventStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, EventStreamOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.HeartbeatInterval), options.HeartbeatInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Check(failures, nameof(options.RetryHint), options.RetryHint, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(failures, nameof(options.IdleReread), options.IdleReread, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{EventStreamOptions.Section}:{key} is {value}; it must be between {min} and {max}."));
        }
    }
}
