using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Arena.Web.Tests.Api;

/// <summary>One server-sent event of a battle with its id.</summary>
public sealed record IdentifiedEvent(string Type, string Data, string Id)
{
    public int Turn => Json().GetProperty("turn").GetInt32();

    public string? Side => Json().TryGetProperty("side", out var side) ? side.GetString() : null;

    public string Text => Json().TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";

    public int Offset => Json().GetProperty("offset").GetInt32();

    private JsonElement Json() => JsonDocument.Parse(Data).RootElement;
}

/// <summary>Reads a battle's event stream as a browser's EventSource would, optionally resuming with Last-Event-ID.</summary>
public static class SseReader
{
    /// <summary>The events as they arrive; stopping the enumeration drops the connection.</summary>
    public static async IAsyncEnumerable<IdentifiedEvent> ReadAsync(
        HttpClient http, string path, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(stream, (_, data) => Encoding.UTF8.GetString(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            Assert.False(string.IsNullOrEmpty(parser.LastEventId), $"The {item.EventType} event has no id.");
            yield return new IdentifiedEvent(item.EventType, item.Data, parser.LastEventId);
        }
    }

    /// <summary>The first <paramref name="count"/> events, then the connection is dropped.</summary>
    public static async Task<List<IdentifiedEvent>> TakeAsync(HttpClient http, string path, string? lastEventId, int count)
    {
        using var deadline = new CancellationTokenSource(ArenaApi.BattleDeadline);
        var events = new List<IdentifiedEvent>();
        await foreach (var e in ReadAsync(http, path, lastEventId, deadline.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Every event until the server ends the stream.</summary>
    public static Task<List<IdentifiedEvent>> ReadAllAsync(HttpClient http, string path, string? lastEventId) =>
        TakeAsync(http, path, lastEventId, int.MaxValue);
}
