using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Routing;

/// <summary><c>POST /api/route</c>: why a message would go where it goes, with no side effects.</summary>
[Collection(ArenaCollection.Name)]
public sealed class RouteEndpointTests(ArenaFixture fixture)
{
    [Theory]
    [InlineData("Write a short poem about the sea.", false, "arena")]
    [InlineData("What's the average of the price column in my dataset?", false, "assistant")]
    [InlineData("Write a short poem about the sea.", true, "assistant")]
    public async Task Route_Message_ReturnsRouteCategoryConfidenceAndReason(string message, bool dataLoaded, string route)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var body = JsonSerializer.Serialize(new { message, context = new { data_loaded = dataLoaded, workflow_active = false } });

        using var response = await api.PostJsonAsync("/api/route", body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(route, json.RootElement.GetProperty("route").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("category").GetString()));
        Assert.InRange(json.RootElement.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("reason").GetString()));
        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    [Theory]
    [InlineData("""{"message": "   "}""")]
    [InlineData("""{"context": {"data_loaded": true}}""")]
    [InlineData("""{"message": """)]
    public async Task Route_EmptyOrMalformed_Returns400(string body)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());

        await ArenaApi.ExpectProblemAsync(api.PostJsonAsync("/api/route", body), HttpStatusCode.BadRequest);
    }
}
