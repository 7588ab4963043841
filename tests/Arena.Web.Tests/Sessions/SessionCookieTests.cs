using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace Arena.Web.Tests.Sessions;

/// <summary>The <c>arena_session</c> cookie that identifies the user.</summary>
[Collection(ArenaCollection.Name)]
public sealed class SessionCookieTests(ArenaFixture fixture)
{
    [Fact]
    public async Task AnyRequest_WithoutCookie_IssuesHttpOnlySessionCookie()
    {
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        using var response = await http.GetAsync("/api/models");

        var cookie = Assert.Single(SessionCookies(response));
        Assert.Matches("^[0-9a-f]{32}$", cookie.Value.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
    }

    [Fact]
    public async Task Requests_WithIssuedCookie_KeepTheSameSession()
    {
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var first = await http.GetAsync("/api/models");
        var sessionId = Assert.Single(SessionCookies(first)).Value.ToString();
        var api = new ArenaApi(fixture.Factory.CreateSessionClient(sessionId));

        var (started, _) = await api.StartBattleAsync("What is a monad?");
        using var again = await api.Http.GetAsync("/api/sessions/me/battles");

        Assert.Empty(SessionCookies(again));
        Assert.Equal(started.BattleId, Assert.Single((await api.GetHistoryAsync()).Battles).BattleId);
        Assert.Empty((await new ArenaApi(fixture.Factory.CreateSessionClient()).GetHistoryAsync()).Battles);
        await api.WaitUntilFinishedAsync(started);
        await api.VoteAsync(started.BattleId, "tie");
    }

    [Theory]
    [InlineData("not-a-session")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef")]
    public async Task AnyRequest_MalformedCookie_IssuesNewSession(string malformed)
    {
        using var http = fixture.Factory.CreateSessionClient(malformed);

        using var response = await http.GetAsync("/api/models");

        var cookie = Assert.Single(SessionCookies(response));
        Assert.Matches("^[0-9a-f]{32}$", cookie.Value.ToString());
    }

    private static IEnumerable<SetCookieHeaderValue> SessionCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).Where(c => c.Name == ArenaWebFactory.SessionCookieName)
            : [];
}
