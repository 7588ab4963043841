using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VllmSim.Tests.Infrastructure;

/// <summary>Raw HTTP helpers: post a chat request and read the SSE events exactly as sent.</summary>
internal static class Sse
{
    public static HttpRequestMessage ChatRequest(object body, string? failHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (failHeader is not null)
        {
            request.Headers.Add("X-Sim-Fail", failHeader);
        }

        return request;
    }

    public static object Body(string model, string prompt, bool stream, object? extra = null)
    {
        var node = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            ["stream"] = stream,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                node[key] = value?.DeepClone();
            }
        }

        return node;
    }

    public static async Task<List<string>> ReadDataAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add(item.Data);
        }

        return events;
    }

    public static async Task<List<string>> StreamAsync(HttpClient http, object body, string? failHeader = null)
    {
        using var response = await http.SendAsync(ChatRequest(body, failHeader), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await ReadDataAsync(response);
    }
}
