extern alias ArenaWeb;

using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SessionTokens = ArenaWeb::Arena.Web.Sessions.SessionTokens;

namespace Arena.Web.Tests.Sessions;

/// <summary>The <c>arena_session</c> cookie that identifies the user: issued and signed by the server, never chosen by the client.</summary>
[Collection(ArenaCollection.Name)]
public sealed class SessionCookieTests(ArenaFixture fixture)
{
    private SessionTokens Tokens => fixture.Factory.Services.GetRequiredService<SessionTokens>();

    [Fact]
    public async Task AnyRequest_WithoutCookie_IssuesHttpOnlySignedSessionCookie()
    {
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        using var response = await http.GetAsync("/api/models");

        var cookie = Assert.Single(SessionCookies(response));
        var value = cookie.Value.ToString();
        Assert.DoesNotMatch("^[0-9a-f]{32}$", value); // the id travels protected, not in the clear
        Assert.Matches("^[0-9a-f]{32}$", Tokens.Unprotect(value));
        Assert.True(cookie.HttpOnly);
        Assert.False(cookie.Secure); // plain HTTP; Secure follows Request.IsHttps
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
    }

    [Fact]
    public async Task Requests_WithIssuedCookie_KeepTheSameSession()
    {
        var (api, _, _) = await NewSessionAsync();

        var (started, _) = await api.StartBattleAsync("What is a monad?");
        using var again = await api.Http.GetAsync("/api/sessions/me/battles");

        Assert.Empty(SessionCookies(again));
        Assert.Equal(started.BattleId, Assert.Single((await api.GetHistoryAsync()).Battles).BattleId);
        Assert.Empty((await new ArenaApi(fixture.Factory.CreateSessionClient()).GetHistoryAsync()).Battles);
        await api.WaitUntilFinishedAsync(started);
        await api.VoteAsync(started.BattleId, "tie");
    }

    [Fact]
    public async Task ClientChosenId_EvenAnIssuedOne_IsReplacedByANewSession()
    {
        var (victim, _, victimId) = await NewSessionAsync();
        await victim.StartBattleAsync("Name a prime number.");

        // The victim's very id, sent as a plain cookie value: a forger who learned or guessed it gets nothing.
        var (issued, history) = await AsCookieAsync(victimId);

        Assert.NotNull(issued);
        Assert.NotEqual(victimId, Tokens.Unprotect(issued));
        Assert.Empty(history.Battles);
        Assert.Single((await victim.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task AlteredCookie_IsReplacedByANewSession()
    {
        var (victim, cookie, victimId) = await NewSessionAsync();
        await victim.StartBattleAsync("Name a prime number.");
        var middle = cookie.Length / 2;
        var altered = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        var (issued, history) = await AsCookieAsync(altered);

        Assert.NotNull(issued);
        Assert.NotEqual(victimId, Tokens.Unprotect(issued));
        Assert.Empty(history.Battles);
    }

    [Fact]
    public async Task CookieOfAnotherKeyRing_IsReplacedByANewSession()
    {
        var (victim, _, victimId) = await NewSessionAsync();
        await victim.StartBattleAsync("Name a prime number.");
        var keys = Directory.CreateTempSubdirectory("arena-other-keys-");
        try
        {
            // Same application name and purpose as the server, only the keys differ: what another deployment (or a forger) would sign.
            var foreign = DataProtectionProvider.Create(keys, b => b.SetApplicationName("Arena")).CreateProtector(SessionTokens.Purpose).Protect(victimId);

            var (issued, history) = await AsCookieAsync(foreign);

            Assert.NotNull(issued);
            Assert.NotEqual(victimId, Tokens.Unprotect(issued));
            Assert.Empty(history.Battles);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("not-a-session")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef")]
    public async Task AnyRequest_MalformedCookie_IssuesNewSession(string malformed)
    {
        using var http = fixture.Factory.CreateCookieClient(malformed);

        using var response = await http.GetAsync("/api/models");

        var cookie = Assert.Single(SessionCookies(response));
        Assert.Matches("^[0-9a-f]{32}$", Tokens.Unprotect(cookie.Value.ToString()));
    }

    /// <summary>A session the server issued: a client that sends its cookie, the cookie value, and (read with the host's keys) its id.</summary>
    private async Task<(ArenaApi Api, string Cookie, string Id)> NewSessionAsync()
    {
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var first = await http.GetAsync("/api/sessions/me/battles");
        var cookie = Assert.Single(SessionCookies(first)).Value.ToString();
        return (new ArenaApi(fixture.Factory.CreateCookieClient(cookie)), cookie, Tokens.Unprotect(cookie)!);
    }

    /// <summary>Asks for the session's battles with <paramref name="cookie"/>: the cookie the server issued instead (if any) and the battles.</summary>
    private async Task<(string? Issued, HistoryView History)> AsCookieAsync(string cookie)
    {
        using var http = fixture.Factory.CreateCookieClient(cookie);
        using var response = await http.GetAsync("/api/sessions/me/battles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = SessionCookies(response).SingleOrDefault()?.Value.ToString();
        return (issued, ArenaApi.Parse<HistoryView>(await response.Content.ReadAsStringAsync()));
    }

    internal static IEnumerable<SetCookieHeaderValue> SessionCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).Where(c => c.Name == ArenaWebFactory.SessionCookieName)
            : [];
}
