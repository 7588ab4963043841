using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Assistant;

/// <summary>The assistant's HTTP API as one session sees it.</summary>
public sealed class AssistantApi(HttpClient http)
{
    public ArenaApi Api { get; } = new(http);

    public Task<HttpResponseMessage> SendAsync(Guid id, string json) => Api.PostJsonAsync($"/api/assistant/{id}/messages", json);

    public async Task<JsonDocument> AskAsync(Guid id, string message)
    {
        using var response = await SendAsync(id, JsonSerializer.Serialize(new { message, category = "arena_info" }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Asking answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    public async Task<JsonDocument> GetAsync(Guid id)
    {
        using var response = await Api.Http.GetAsync($"/api/assistant/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    public async Task<JsonDocument> StopAsync(Guid id)
    {
        using var response = await Api.Http.PostAsync($"/api/assistant/{id}/stop", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Stop answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    public Task<List<BattleSseEvent>> ReadEventsAsync(Guid id) => Api.ReadEventsAsync($"/api/assistant/{id}/events");

    public IAsyncEnumerable<BattleSseEvent> StreamEventsAsync(Guid id, CancellationToken cancellationToken) =>
        Api.StreamEventsAsync($"/api/assistant/{id}/events", cancellationToken);

    public static JsonElement Data(BattleSseEvent e) => JsonDocument.Parse(e.Data).RootElement;
}
