using System.Net;

namespace Arena.Silo.Hosting;

/// <summary>
/// Everything a GPU-node silo reads from configuration before the host is built, checked at once:
/// a bad value stops the process with every problem named by its full configuration path.
/// </summary>
public sealed record GpuSiloSettings(string ConnectionString, NodeOptions Node, SiloHostOptions Silo, IPAddress AdvertisedIp)
{
    public const string ConnectionStringKey = "ConnectionStrings:arena";

    /// <summary>Reads and validates the settings; throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    public static GpuSiloSettings Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var profile = configuration[SiloHostOptions.ProfileKey];
        if (!string.Equals(profile, "cluster", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{SiloHostOptions.ProfileKey}: Arena.Silo joins a cluster, so the profile must be 'cluster' (it is '{profile ?? "(not set)"}').");
        }

        var connectionString = configuration.GetConnectionString("arena");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add($"{ConnectionStringKey}: the PostgreSQL connection string is required (environment variable ConnectionStrings__arena).");
        }

        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        errors.AddRange(Validate(node));

        var silo = configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        CheckPort(errors, "SiloPort", silo.SiloPort);
        CheckPort(errors, "GatewayPort", silo.GatewayPort);
        if (!IPAddress.TryParse(silo.AdvertisedIp, out var advertised))
        {
            errors.Add($"{SiloHostOptions.Section}:AdvertisedIp: '{silo.AdvertisedIp}' is not an IP address.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Arena.Silo's configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return new GpuSiloSettings(connectionString!, node, silo, advertised!);
    }

    /// <summary>The problems with the node's settings, each prefixed with its configuration path.</summary>
    public static IEnumerable<string> Validate(NodeOptions node)
    {
        if (string.IsNullOrWhiteSpace(node.Name))
        {
            yield return $"{NodeOptions.Section}:Name: the node's name is required; it must be unique in the cluster.";
        }
        else if (node.Name.Contains('@', StringComparison.Ordinal) || node.Name.Contains(',', StringComparison.Ordinal))
        {
            yield return $"{NodeOptions.Section}:Name: '{node.Name}' may not contain '@' or ','.";
        }

        if (node.Models.Count == 0)
        {
            yield return $"{NodeOptions.Section}:Models: list at least one model ({{Id, Endpoint}}) served on this node.";
        }

        for (var i = 0; i < node.Models.Count; i++)
        {
            var model = node.Models[i];
            var path = $"{NodeOptions.Section}:Models:{i}";
            if (string.IsNullOrWhiteSpace(model.Id) || model.Id.Contains('@', StringComparison.Ordinal) || model.Id.Contains(',', StringComparison.Ordinal))
            {
                yield return $"{path}:Id: a model id is required, without '@' or ','.";
            }

            if (!Uri.TryCreate(model.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{path}:Endpoint: '{model.Endpoint}' is not an absolute http(s) URL (e.g. http://127.0.0.1:8000/v1).";
            }

            if (model.MaxConcurrency is < 1)
            {
                yield return $"{path}:MaxConcurrency: must be at least 1.";
            }
        }

        foreach (var duplicate in node.Models.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{NodeOptions.Section}:Models: the id '{duplicate.Key}' appears {duplicate.Count()} times.";
        }
    }

    private static void CheckPort(List<string> errors, string name, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{SiloHostOptions.Section}:{name}: {port} is not a TCP port (1-65535).");
        }
    }
}
