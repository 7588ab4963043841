using System.Net;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arena.Web.Tests.Operators;

/// <summary>An operator sign-in lasts across restarts with the same key, and ends when the key changes.</summary>
public sealed class OperatorKeyChangeTests : IAsyncLifetime
{
    private readonly ArenaHost _sameKey = new(timeScale: 0.02);
    private readonly ArenaHost _newKey = new(timeScale: 0.02, new Dictionary<string, string> { ["ARENA_OPERATOR_KEY"] = "a-different-operator-key" });

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OperatorCookie_AfterRestart_WorksWithTheSameKeyAndNotWithAnother()
    {
        await _sameKey.StartAsync();
        using var signIn = await OperatorSignInTests.PostSignInAsync(NoRedirects(_sameKey), OperatorRequests.Key);
        var cookie = OperatorSignInTests.OperatorCookie(signIn)!.Split(';')[0];
        await _sameKey.StopAsync();

        await _sameKey.StartAsync();
        var restarted = await StatusWithCookieAsync(_sameKey, cookie);
        await _sameKey.StopAsync();
        await _newKey.StartAsync();
        var changed = await StatusWithCookieAsync(_newKey, cookie);

        Assert.Equal(HttpStatusCode.OK, restarted);
        Assert.Equal(HttpStatusCode.Unauthorized, changed);
    }

    private static HttpClient NoRedirects(ArenaHost host) =>
        host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpStatusCode> StatusWithCookieAsync(ArenaHost host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Add("Cookie", cookie);
        using var response = await NoRedirects(host).SendAsync(request);
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        await _sameKey.DisposeAsync();
        await _newKey.DisposeAsync();
    }
}
