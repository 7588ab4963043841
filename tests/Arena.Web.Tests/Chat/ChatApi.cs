using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Chat;

/// <summary>The answer to <c>POST /api/chat</c> (snake_case on the wire).</summary>
public sealed record ChatReplyView(
    string Route,
    string Category,
    double Confidence,
    string Reason,
    bool Overridden,
    string? BattleId,
    string? ConversationId,
    int? Turn,
    string Events);

/// <summary>The chat API for one session.</summary>
public sealed class ChatApi(ArenaApi api)
{
    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public ArenaApi Api { get; } = api;

    public static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, SnakeCase) ?? throw new InvalidOperationException($"Expected a {typeof(T).Name}, got: {json}");

    public Task<HttpResponseMessage> PostAsync(object body) => Api.PostJsonAsync("/api/chat", JsonSerializer.Serialize(body));

    /// <summary>Sends a message that must be accepted; returns the reply and its raw body.</summary>
    public async Task<(ChatReplyView Reply, string Body)> SendAsync(string message, string? route = null)
    {
        using var response = await PostAsync(route is null ? new { message } : new { message, route });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/chat answered {(int)response.StatusCode}: {body}");
        return (Parse<ChatReplyView>(body), body);
    }

    /// <summary>A GET of an operator endpoint (with the operator key), as JSON.</summary>
    public async Task<JsonElement> GetOperatorJsonAsync(string path) =>
        JsonDocument.Parse(await Api.Http.GetStringAsOperatorAsync(path)).RootElement.Clone();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Api.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
