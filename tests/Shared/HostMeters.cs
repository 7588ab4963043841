using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Tests.Shared;

/// <summary>
/// The meter factory of one test host among several in a test process. OpenTelemetry .NET merges meters of one
/// name and identity into one stream across a process, and disposing one of them (a host that stops) ends the stream
/// for every live host too (open-telemetry/opentelemetry-dotnet#6412), so the next test's <c>/metrics</c> loses
/// counters it just added. A host's own tag makes its meters an identity of their own. A deployment runs one host a
/// process and keeps the platform's factory. Shared, as a linked source file, by the projects that host Arena.Web.
/// </summary>
public sealed class HostMeters : IMeterFactory
{
    /// <summary>The tag, on every meter of this host, that tells its meters from other hosts'.</summary>
    public const string Tag = "test.host";

    private readonly string _host = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<(string Name, string? Version), Meter> _meters = new();

    /// <summary>Registers this factory in place of the platform's, for one host's services.</summary>
    public static void Use(IServiceCollection services) => services.AddSingleton<IMeterFactory, HostMeters>();

    public Meter Create(MeterOptions options) =>
        _meters.GetOrAdd((options.Name, options.Version), _ => new Meter(new MeterOptions(options.Name)
        {
            Version = options.Version,
            TelemetrySchemaUrl = options.TelemetrySchemaUrl,
            Tags = [.. options.Tags ?? [], new(Tag, _host)],
            Scope = this,
        }));

    public void Dispose()
    {
        foreach (var meter in _meters.Values)
        {
            meter.Dispose();
        }

        _meters.Clear();
    }
}
