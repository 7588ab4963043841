using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Arena.Hosting;

/// <summary>The battle and assistant streams' settings (configuration section <c>Arena:Streams</c>).</summary>
public static class StreamSettings
{
    public const string Section = "Arena:Streams";

    /// <summary>
    /// How often each stream queue's pulling agent looks for new events. An event waits about half of it on average,
    /// and every queue is polled this often even when idle.
    /// </summary>
    public static readonly TimeSpan DefaultPullingPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary><c>Arena:Streams:PullingPeriod</c>, between 1 ms and 1 s.</summary>
    public static TimeSpan PullingPeriod(IConfiguration configuration)
    {
        var period = configuration.GetValue($"{Section}:PullingPeriod", DefaultPullingPeriod);
        if (period < TimeSpan.FromMilliseconds(1) || period > TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Section}:PullingPeriod is {period}; it must be between 00:00:00.001 and 00:00:01."));
        }

        return period;
    }
}
