using System.Net;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Security;

/// <summary>Every response, page, API, asset or error, carries the Content-Security-Policy and the other security headers.</summary>
[Collection(ArenaCollection.Name)]
public sealed class SecurityHeadersTests(ArenaFixture fixture)
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/leaderboard", HttpStatusCode.OK)]
    [InlineData("/stats", HttpStatusCode.OK)]
    [InlineData("/compare", HttpStatusCode.OK)]
    [InlineData("/operator", HttpStatusCode.OK)]
    [InlineData("/models/sim-llama-3.1-8b", HttpStatusCode.OK)]
    [InlineData("/js/theme.js", HttpStatusCode.OK)]
    [InlineData("/api/models", HttpStatusCode.OK)]
    [InlineData("/api/leaderboard", HttpStatusCode.OK)]
    [InlineData("/api/battles/not-a-battle-id", HttpStatusCode.NotFound)]
    [InlineData("/api/stats", HttpStatusCode.Unauthorized)]
    [InlineData("/metrics", HttpStatusCode.Unauthorized)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Response_AnyPath_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var response = await fixture.Factory.CreateSessionClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policy = Directives(Single(response, "Content-Security-Policy"));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self' data:", policy["img-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task OperatorResponse_WithTheKey_CarriesTheSecurityHeadersToo()
    {
        using var response = await fixture.Factory.CreateClient().GetAsOperatorAsync("/api/operator/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Contains("frame-ancestors 'none'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_HasNoInlineScript_SoScriptSrcSelfAllowsEveryScriptItRuns()
    {
        var html = await fixture.Factory.CreateSessionClient().GetStringAsync("/");

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attributes>[^>]*)>(?<body>.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s =>
        {
            Assert.Contains("src=", s.Groups["attributes"].Value, StringComparison.Ordinal);
            Assert.Equal("", s.Groups["body"].Value.Trim());
        });
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);
}
