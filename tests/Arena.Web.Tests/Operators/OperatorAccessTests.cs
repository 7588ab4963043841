using System.Net;
using System.Net.Http.Headers;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Operators;

/// <summary>Operational endpoints answer only the operator key, sent as X-Operator-Key or as a bearer token (Prometheus).</summary>
[Collection(ArenaCollection.Name)]
public sealed class OperatorAccessTests(ArenaFixture fixture)
{
    public static TheoryData<string> OperatorPaths() =>
    [
        "/metrics",
        "/api/stats",
        "/api/stats/routing",
        "/api/models/sim-llama-3.1-8b/stats",
        "/api/operator/models",
        "/api/battles/export",
        "/operator/dashboard/",
    ];

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task OperatorEndpoint_NoKey_Returns401SayingHowToSendIt(string path)
    {
        var problem = await ArenaApi.ExpectProblemAsync(fixture.Factory.CreateSessionClient().GetAsync(path), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Operator-Key", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("Bearer", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task OperatorEndpoint_WrongKey_Returns401(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(OperatorRequests.Header, OperatorRequests.Key + "x");

        var problem = await ArenaApi.ExpectProblemAsync(fixture.Factory.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains("not the operator key", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task OperatorEndpoint_KeyInHeader_Answers200(string path)
    {
        using var response = await fixture.Factory.CreateClient().GetAsOperatorAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task OperatorEndpoint_KeyAsBearerToken_Answers200(string path)
    {
        var http = fixture.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorRequests.Key);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WrongBearerToken_Returns401()
    {
        var http = fixture.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-" + OperatorRequests.Key);

        await ArenaApi.ExpectProblemAsync(http.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/models")]
    [InlineData("/api/leaderboard")]
    [InlineData("/api/models/sim-llama-3.1-8b/history")]
    public async Task PublicEndpoint_NoKey_Answers200(string path)
    {
        using var response = await fixture.Factory.CreateSessionClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ForTheOperator_IsTheOrleansDashboardPage()
    {
        using var response = await fixture.Factory.CreateClient().GetAsOperatorAsync("/operator/dashboard/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", page, StringComparison.OrdinalIgnoreCase);
    }
}
