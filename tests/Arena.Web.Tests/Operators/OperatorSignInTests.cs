using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arena.Web.Tests.Operators;

/// <summary>
/// The browser sign-in: the key posted from /operator sets a Data-Protection-protected HttpOnly cookie
/// that opens the operator endpoints and the operational parts of the statistics and model pages.
/// </summary>
[Collection(ArenaCollection.Name)]
public sealed class OperatorSignInTests(ArenaFixture fixture)
{
    public const string CookieName = "arena_operator";

    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string key, string returnUrl = "") =>
        http.PostAsync("/operator/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["return_url"] = returnUrl }));

    /// <summary>The operator cookie a response sets ("name=value"), or null.</summary>
    public static string? OperatorCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal) && !c.StartsWith(CookieName + "=;", StringComparison.Ordinal))
            : null;

    [Fact]
    public async Task SignIn_RightKey_SetsHttpOnlyCookieThatOpensOperatorEndpoints()
    {
        var http = NoRedirects();

        using var response = await PostSignInAsync(http, OperatorRequests.Key, "/models/sim-llama-3.1-8b");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/models/sim-llama-3.1-8b", response.Headers.Location?.OriginalString);
        var cookie = OperatorCookie(response);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var stats = await WithCookieAsync(cookie, "/api/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var metrics = await WithCookieAsync(cookie, "/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongKey_RedirectsBackWithAnErrorAndSetsNoCookie()
    {
        using var response = await PostSignInAsync(NoRedirects(), OperatorRequests.Key + "-wrong");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/operator?error=wrong-key", response.Headers.Location?.OriginalString);
        Assert.Null(OperatorCookie(response));
    }

    [Fact]
    public async Task SignIn_ReturnUrlElsewhere_GoesToTheStatisticsInstead()
    {
        using var response = await PostSignInAsync(NoRedirects(), OperatorRequests.Key, "//evil.example/steal");

        Assert.Equal("/stats", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OperatorCookie_Altered_IsNoSignIn()
    {
        using var response = await PostSignInAsync(NoRedirects(), OperatorRequests.Key);
        var cookie = OperatorCookie(response)!;
        var value = cookie.Split(';')[0];
        var altered = value[..^2] + (value[^2] == 'A' ? "B" : "A") + value[^1];

        using var stats = await WithCookieAsync(altered, "/api/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
    }

    [Fact]
    public async Task StatsPage_SignedIn_ShowsServingEngagementAndRouting_OtherwiseOnlyTheSignInHint()
    {
        using var response = await PostSignInAsync(NoRedirects(), OperatorRequests.Key);
        var cookie = OperatorCookie(response)!;

        var anonymous = await fixture.Factory.CreateSessionClient().GetStringAsync("/stats");
        using var signedIn = await WithCookieAsync(cookie, "/stats");
        var operatorPage = await signedIn.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"stats-winrates\"", anonymous, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stats-operator-only\"", anonymous, StringComparison.Ordinal);
        foreach (var operational in new[] { "stats-speed", "stats-engagement", "stats-routing" })
        {
            Assert.DoesNotContain($"data-testid=\"{operational}\"", anonymous, StringComparison.Ordinal);
            Assert.Contains($"data-testid=\"{operational}\"", operatorPage, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("data-testid=\"stats-operator-only\"", operatorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_SignedIn_ShowsReplicasAndLatency_OtherwiseOnlyAvailability()
    {
        using var response = await PostSignInAsync(NoRedirects(), OperatorRequests.Key);
        var cookie = OperatorCookie(response)!;

        var anonymous = await fixture.Factory.CreateSessionClient().GetStringAsync("/models/sim-llama-3.1-8b");
        using var signedIn = await WithCookieAsync(cookie, "/models/sim-llama-3.1-8b");
        var operatorPage = await signedIn.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"serving-operator-only\"", anonymous, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"model-state\">available<", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"model-replicas\"", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"stat-ttft\"", anonymous, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"model-replicas\"", operatorPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stat-ttft\"", operatorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_ClearsTheCookie()
    {
        using var signIn = await PostSignInAsync(NoRedirects(), OperatorRequests.Key);
        var cookie = OperatorCookie(signIn)!;
        var http = NoRedirects();
        http.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);

        using var signOut = await http.PostAsync("/operator/sign-out", null);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var cleared = signOut.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient NoRedirects() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpResponseMessage> WithCookieAsync(string setCookie, string path)
    {
        var http = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", setCookie.Split(';')[0]);
        return await http.SendAsync(request);
    }
}
