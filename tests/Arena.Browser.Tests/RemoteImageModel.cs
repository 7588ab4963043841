using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arena.Browser.Tests;

/// <summary>
/// An OpenAI-compatible model server (on its own loopback port, so another origin than Arena) whose
/// every answer embeds a Markdown image from this server, a tracking pixel, and a link. It counts the
/// requests for the pixel: a page that renders the answer safely makes none.
/// </summary>
public sealed class RemoteImageModel : IAsyncDisposable
{
    public static readonly string[] Models = ["remote-image-a", "remote-image-b"];

    private WebApplication? _app;
    private int _pixelRequests;

    /// <summary>A server to start on a loopback port that is free now.</summary>
    public RemoteImageModel()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Address { get; }

    /// <summary>How many times anything asked for the pixel.</summary>
    public int PixelRequests => Volatile.Read(ref _pixelRequests);

    /// <summary>The alt text of the image in every answer.</summary>
    public const string Alt = "tracking pixel";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Address.Port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = Models.Select(id => new { id, @object = "model", owned_by = "test" }) }));
        app.MapGet("/pixel.gif", () =>
        {
            Interlocked.Increment(ref _pixelRequests);
            return Results.Bytes(Convert.FromBase64String("R0lGODlhAQABAAAAACw="), "image/gif");
        });
        app.MapPost("/v1/chat/completions", CompleteAsync);
        await app.StartAsync();
        _app = app;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var model = request.RootElement.GetProperty("model").GetString();
        var answer = $"Here is the chart you asked for:\n\n![{Alt}]({Address}pixel.gif?viewer=1)\n\nMore at [the source]({Address}source).";
        context.Response.ContentType = "text/event-stream";
        await SendAsync(context, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null } } });
        foreach (var word in answer.Split(' '))
        {
            await SendAsync(context, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { content = word + " " }, finish_reason = (string?)null } } });
        }

        await SendAsync(context, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } });
        await SendAsync(context, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = 8, completion_tokens = 20, total_tokens = 28 } });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task SendAsync(HttpContext context, object chunk)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
