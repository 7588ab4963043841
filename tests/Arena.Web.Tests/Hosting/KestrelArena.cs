using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// Arena.Web on a real Kestrel socket on 127.0.0.1 (so requests have a client address), with its own temp data
/// directory; <see cref="CreateClient"/> talks to it over TCP.
/// </summary>
public sealed class KestrelArena : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "arena-web-kestrel-" + Guid.NewGuid().ToString("N"));

    private KestrelArena(IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(_dataDirectory);
        Factory = new ArenaWebFactory(_dataDirectory, timeScale: 0.02, ArenaHost.MaxPromptChars, settings);
        Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public ArenaWebFactory Factory { get; }

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>A client that keeps no cookies, sending <paramref name="sessionCookie"/> as its session cookie when given.</summary>
    public HttpClient CreateClient(string? sessionCookie = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress };
        if (sessionCookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", $"{ArenaWebFactory.SessionCookieName}={sessionCookie}");
        }

        return http;
    }

    public static async Task<KestrelArena> StartAsync(Dictionary<string, string> settings)
    {
        var arena = new KestrelArena(settings);
        try
        {
            await arena.Factory.StartAsync();
            var address = arena.Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            arena.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            return arena;
        }
        catch
        {
            await arena.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
