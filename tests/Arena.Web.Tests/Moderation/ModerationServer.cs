using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arena.Web.Tests.Moderation;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks OpenAI's moderation wire format (<c>POST /v1/moderations</c>,
/// <c>{"model", "input"}</c> → <c>{"id", "model", "results": [{"flagged", "categories", "category_scores",
/// "category_applied_input_types"}]}</c>), below the Arena host under test. What it answers is chosen by markers in
/// the input, so tests running side by side do not interfere: <c>[flag:CATEGORY]</c> flags the input in CATEGORY,
/// <c>[fail]</c> answers 500 with OpenAI's error body, <c>[hang]</c> never answers; anything else is not flagged.
/// A request without the expected bearer key gets 401, as from OpenAI.
/// </summary>
public sealed class ModerationServer : IAsyncDisposable
{
    /// <summary>The categories of omni-moderation-latest.</summary>
    public static readonly string[] Categories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
        "self-harm", "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCheck> _received = new();

    private ModerationServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    /// <summary>One request as the server read it.</summary>
    public sealed record ReceivedCheck(string? Authorization, string? Model, string? Input);

    /// <summary>The key it accepts.</summary>
    public string ApiKey { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Every request received so far.</summary>
    public IReadOnlyList<ReceivedCheck> Received => [.. _received];

    /// <summary>The requests whose input was <paramref name="input"/>.</summary>
    public IReadOnlyList<ReceivedCheck> ReceivedFor(string input) => Received.Where(r => r.Input == input).ToList();

    public static async Task<ModerationServer> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ModerationServer(app, apiKey);
        app.MapPost("/v1/moderations", (Delegate)server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    private async Task<IResult> AnswerAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
        var model = body.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
        var input = body.RootElement.TryGetProperty("input", out var i) ? i.GetString() : null;
        _received.Enqueue(new ReceivedCheck(authorization, model, input));

        if (authorization != $"Bearer {ApiKey}")
        {
            return Error(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }

        if (input is null || model is null)
        {
            return Error(StatusCodes.Status400BadRequest, "'input' and 'model' are required.", "invalid_request_error", null);
        }

        if (input.Contains("[hang]", StringComparison.Ordinal))
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }

        if (input.Contains("[fail]", StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status500InternalServerError, "The server had an error while processing your request.", "server_error", null);
        }

        var flaggedIn = Categories.Where(c => input.Contains($"[flag:{c}]", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var categories = new JsonObject();
        var scores = new JsonObject();
        var inputTypes = new JsonObject();
        foreach (var category in Categories)
        {
            categories[category] = flaggedIn.Contains(category);
            scores[category] = flaggedIn.Contains(category) ? 0.97 : 0.0004;
            inputTypes[category] = new JsonArray("text");
        }

        var answer = new JsonObject
        {
            ["id"] = "modr-" + Guid.NewGuid().ToString("N"),
            ["model"] = model,
            ["results"] = new JsonArray(new JsonObject
            {
                ["flagged"] = flaggedIn.Count > 0,
                ["categories"] = categories,
                ["category_scores"] = scores,
                ["category_applied_input_types"] = inputTypes,
            }),
        };
        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private static IResult Error(int status, string message, string type, string? code) =>
        Results.Text(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        }.ToJsonString(), "application/json", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
