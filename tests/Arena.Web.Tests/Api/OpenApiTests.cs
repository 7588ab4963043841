using System.Text.Json;
using System.Text.RegularExpressions;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Api;

/// <summary><c>/openapi/v1.json</c> describes exactly the routes mapped under <c>/api/</c>, with their methods.</summary>
[Collection(ArenaCollection.Name)]
public sealed partial class OpenApiTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Document_EveryApiRouteWithItsMethods_AndNothingUnmapped()
    {
        var http = fixture.Factory.CreateSessionClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => HttpMethods.Contains(op.Name))
                .Select(op => (Path: Normalize(path.Name), Method: op.Name.ToUpperInvariant())))
            .ToHashSet();

        var mapped = fixture.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => (Path: Normalize(e.RoutePattern.RawText ?? ""), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => (e.Path, Method: m.ToUpperInvariant())))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented).Select(Describe));
        var mappedPaths = fixture.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(e => Normalize(e.RoutePattern.RawText ?? "")).ToHashSet();
        Assert.Empty(documented.Where(d => !mappedPaths.Contains(d.Path) || (d.Path.StartsWith("/api/", StringComparison.Ordinal) && !mapped.Contains(d))).Select(Describe));
    }

    [Fact]
    public async Task Document_BattleOperations_HaveNamesSummariesAndErrorResponses()
    {
        var http = fixture.Factory.CreateSessionClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var continueBattle = paths.GetProperty("/api/battles/{id}/messages").GetProperty("post");
        Assert.Equal("ContinueBattle", continueBattle.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(continueBattle.GetProperty("summary").GetString()));
        var responses = continueBattle.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
        Assert.Equal(["200", "400", "403", "404", "409", "429"], responses.Order()); // 429: the follow-up rate limit
        Assert.True(continueBattle.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty("/api/stats").GetProperty("get").GetProperty("responses").GetProperty("200").TryGetProperty("content", out _));
    }

    private static readonly HashSet<string> HttpMethods = new(["get", "post", "put", "patch", "delete", "head", "options", "trace"], StringComparer.OrdinalIgnoreCase);

    /// <summary>A route as <c>/a/{b}</c>: leading slash, no trailing slash, no parameter constraints or defaults.</summary>
    private static string Normalize(string route)
    {
        var path = "/" + ParameterDetails().Replace(route, "{$1}").Trim('/');
        return path;
    }

    private static string Describe((string Path, string Method) route) => $"{route.Method} {route.Path}";

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?:[:=?][^}]*)?\??\}")]
    private static partial Regex ParameterDetails();
}
