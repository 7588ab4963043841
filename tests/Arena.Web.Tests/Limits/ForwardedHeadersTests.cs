using System.Net;

namespace Arena.Web.Tests.Limits;

/// <summary>The client address comes from X-Forwarded-For (and the scheme from X-Forwarded-Proto) only when a known proxy sends them.</summary>
[Collection(SlowLimitsCollection.Name)]
public sealed class KnownProxyTests(SlowLimitsFixture fixture)
{
    [Fact]
    public async Task ForwardedFor_FromAKnownProxy_IsTheClientAddress()
    {
        var request = () => Refusals.Request("POST", "/api/route", """{"message": ""}""");
        var exhausted = TestLimits.NewAddress();
        using var first = fixture.Arena.Client(cookies: false, forwardedFor: exhausted);
        await Refusals.AllowedAsync(first, TestLimits.PerAddress, request);
        await Refusals.RefusedAsync(first, request());

        // Another client behind the same proxy is another partition.
        using var other = fixture.Arena.Client(cookies: false, forwardedFor: TestLimits.NewAddress());
        await Refusals.AllowedAsync(other, 1, request);
    }

    [Fact]
    public async Task SessionCookie_BehindAKnownTlsProxy_IsSecure()
    {
        using var http = fixture.Arena.Client(cookies: false, forwardedFor: TestLimits.NewAddress());
        using var overTls = new HttpRequestMessage(HttpMethod.Get, "/api/leaderboard") { Headers = { { "X-Forwarded-Proto", "https" } } };
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/api/leaderboard");

        Assert.Contains("secure", await SessionCookieAsync(http, overTls), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync(http, plain), StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task<string> SessionCookieAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), "No Set-Cookie on a request without a session");
        return Assert.Single(cookies, c => c.StartsWith("arena_session=", StringComparison.Ordinal));
    }
}

/// <summary>A host that knows no proxy: whatever a client sends in forwarded headers, its address and scheme are its own.</summary>
public sealed class UnknownPeerTests(NoProxyLimitsFixture fixture) : IClassFixture<NoProxyLimitsFixture>
{
    [Fact]
    public async Task ForwardedFor_FromAnUnknownPeer_DoesNotChangeThePartition()
    {
        var request = () => Refusals.Request("POST", "/api/route", """{"message": ""}""");
        using var first = fixture.Arena.Client(cookies: false, forwardedFor: TestLimits.NewAddress());
        await Refusals.AllowedAsync(first, TestLimits.PerAddress, request);

        // A spoofed new address is still the same peer (127.0.0.1): refused.
        using var spoofed = fixture.Arena.Client(cookies: false, forwardedFor: TestLimits.NewAddress());
        var problem = await Refusals.RefusedAsync(spoofed, request());
        Assert.Contains("from this address", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_ForwardedProtoFromAnUnknownPeer_IsNotSecure()
    {
        using var http = fixture.Arena.Client(cookies: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/leaderboard") { Headers = { { "X-Forwarded-Proto", "https" } } };

        Assert.DoesNotContain("secure", await KnownProxyTests.SessionCookieAsync(http, request), StringComparison.OrdinalIgnoreCase);
    }
}
