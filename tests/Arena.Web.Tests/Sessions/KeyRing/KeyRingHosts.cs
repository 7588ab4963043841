extern alias ArenaWeb;

using Arena.Web.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SessionTokens = ArenaWeb::Arena.Web.Sessions.SessionTokens;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>Web hosts' session services composed as Arena.Web composes them (<see cref="SessionKeys.AddArenaSessions"/>), from settings.</summary>
internal static class KeyRingHosts
{
    public static ServiceProvider Host(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddArenaSessions(Configuration(settings));
        return services.BuildServiceProvider();
    }

    public static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public static SessionTokens Tokens(IServiceProvider host) => host.GetRequiredService<SessionTokens>();
}
