using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VllmSim;

namespace Arena.Web.Hosting;

/// <summary>Runs VllmSim beside Arena so that a machine with no GPU and no API key runs real battles.</summary>
public static class EmbeddedSimulator
{
    /// <summary>
    /// When enabled, appends VllmSim's models to <c>Arena:Models</c> and starts VllmSim on loopback
    /// with the host. The simulator is started by a hosted service rather than before the host is
    /// built, so that the Arena host is the first one the process builds (test hosts rely on that).
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedSimulator(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SimulatorSettings.Section).Get<SimulatorSettings>() ?? new SimulatorSettings();
        if (!settings.Enabled)
        {
            return builder;
        }

        var url = WithConcretePort(settings.Url);
        var options = new SimulatorOptions { TimeScale = settings.TimeScale, Failures = settings.Failures };
        var models = builder.Configuration.GetSection("Arena:Models").GetChildren().ToList();
        var configured = models.Select(c => c["Id"]).ToHashSet(StringComparer.Ordinal);
        var next = models.Count;
        var entries = new Dictionary<string, string?>();
        foreach (var model in options.Models.Where(m => !configured.Contains(m.Id)))
        {
            var prefix = $"Arena:Models:{next.ToString(CultureInfo.InvariantCulture)}:";
            entries[prefix + "Id"] = model.Id;
            entries[prefix + "Provider"] = "vllm";
            entries[prefix + "BaseUrl"] = url.TrimEnd('/') + "/v1";
            entries[prefix + "Simulated"] = "true";
            entries[prefix + "SupportsTools"] = model.SupportsTools ? "true" : "false";
            // The simulated tool-calling assistant serves the assistant route, not blind battles.
            entries[prefix + "InArena"] = model.Style == AnswerStyles.Assistant ? "false" : "true";
            next++;
        }

        builder.Configuration.AddInMemoryCollection(entries);
        builder.Services.AddHostedService(_ => new Service(options, url));
        return builder;
    }

    /// <summary>Port 0 means "any free port"; the models need the real one before the simulator starts.</summary>
    private static string WithConcretePort(string url)
    {
        var uri = new Uri(url);
        if (uri.Port != 0)
        {
            return url;
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new UriBuilder(uri) { Port = port }.Uri.ToString().TrimEnd('/');
    }

    private sealed class Service(SimulatorOptions options, string url) : IHostedService
    {
        private RunningSimulator? _simulator;

        public async Task StartAsync(CancellationToken cancellationToken) =>
            _simulator = await VllmSimServer.StartAsync(options, url, cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_simulator is not null)
            {
                await _simulator.DisposeAsync();
            }
        }
    }
}
