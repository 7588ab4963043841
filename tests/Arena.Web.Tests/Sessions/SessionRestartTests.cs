using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arena.Web.Tests.Sessions;

/// <summary>The key ring that signs session cookies is kept in the database, so a restart keeps every session.</summary>
public sealed class SessionRestartTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Restart_IssuedCookie_KeepsItsSession()
    {
        var cookie = await IssueCookieAsync(_host.Factory);
        var (started, _) = await new ArenaApi(_host.Factory.CreateCookieClient(cookie)).StartBattleAsync("Name three prime numbers.");
        Assert.NotEmpty(await KeyRows.ReadAsync(_host.DataDirectory)); // in the SQLite file itself
        Assert.False(Directory.Exists(Path.Combine(_host.DataDirectory, "keys")));

        await _host.StopAsync();
        await _host.StartAsync();
        using var http = _host.Factory.CreateCookieClient(cookie);
        using var response = await http.GetAsync("/api/sessions/me/battles");

        Assert.Empty(SessionCookieTests.SessionCookies(response));
        var history = ArenaApi.Parse<HistoryView>(await response.Content.ReadAsStringAsync());
        Assert.Equal(started.BattleId, Assert.Single(history.Battles).BattleId);
    }

    internal static async Task<string> IssueCookieAsync(ArenaWebFactory factory)
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await http.GetAsync("/api/sessions/me/battles");
        return Assert.Single(SessionCookieTests.SessionCookies(response)).Value.ToString();
    }
}
