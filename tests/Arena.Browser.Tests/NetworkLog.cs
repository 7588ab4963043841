using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace Arena.Browser.Tests;

/// <summary>
/// Everything a page received and sent: the Blazor circuit's websocket frames (both directions, binary
/// frames decoded as UTF-8, which is how the render batches carry strings) and the bodies of successful
/// HTTP responses. Tests search it for text that must not have reached the browser.
/// </summary>
internal sealed class NetworkLog
{
    private readonly ConcurrentQueue<string> _items = new();
    private readonly ConcurrentQueue<Task> _reads = new();

    public NetworkLog(IPage page)
    {
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => _items.Enqueue(Decode(frame));
            socket.FrameSent += (_, frame) => _items.Enqueue(Decode(frame));
        };
        page.Response += (_, response) =>
        {
            if (response.Status is >= 200 and < 300 and not 204)
            {
                _reads.Enqueue(ReadAsync(response));
            }
        };
    }

    /// <summary>How many websocket frames and response bodies were captured so far.</summary>
    public int Count => _items.Count;

    /// <summary>All captured text so far, once every response body has been read.</summary>
    public async Task<string> TextAsync()
    {
        await Task.WhenAll(_reads.ToArray());
        return string.Join("\n", _items);
    }

    private async Task ReadAsync(IResponse response)
    {
        var body = await response.BodyAsync();
        _items.Enqueue($"{response.Url}\n{Encoding.UTF8.GetString(body)}");
    }

    private static string Decode(IWebSocketFrame frame) =>
        frame.Text ?? (frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : "");
}
