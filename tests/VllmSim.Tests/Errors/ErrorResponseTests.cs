using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Errors;

[Collection(SimulatorCollection.Name)]
public sealed class ErrorResponseTests(SimulatorFixture fixture)
{
    [Theory]
    [InlineData("rate-limit", 429, "RateLimitError")]
    [InlineData("unauthorized", 401, "AuthenticationError")]
    [InlineData("context-length", 400, "BadRequestError")]
    [InlineData("model-not-found", 404, "NotFoundError")]
    [InlineData("503", 503, "ServiceUnavailableError")]
    public async Task ChatCompletion_ForcedFailureHeader_ReturnsVllmErrorBody(string header, int status, string type)
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(Sse.Body("sim-gpt-4o", "Hi", stream: true), header));

        await AssertErrorAsync(response, status, type);
    }

    [Fact]
    public async Task ChatCompletion_UnknownModel_Returns404NotFound()
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(Sse.Body("no-such-model", "Hi", stream: false)));

        var error = await AssertErrorAsync(response, 404, "NotFoundError");
        Assert.Contains("no-such-model", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("model", (string?)error["param"]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"model":"sim-gpt-4o"}""")]
    [InlineData("""{"model":"sim-gpt-4o","messages":[]}""")]
    [InlineData("""{"model":"sim-gpt-4o","messages":[{"role":"user","content":"hi"}],"n":2}""")]
    public async Task ChatCompletion_InvalidRequest_Returns400BadRequest(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        using var response = await fixture.Http.SendAsync(request);

        await AssertErrorAsync(response, 400, "BadRequestError");
    }

    [Fact]
    public async Task ChatCompletion_PromptLongerThanContext_Returns400WithLengths()
    {
        var prompt = string.Concat(Enumerable.Repeat("lorem ipsum ", 4000)); // ~12,000 tokens > 8,192
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(Sse.Body("sim-llama-3.1-8b", prompt, stream: false)));

        var error = await AssertErrorAsync(response, 400, "BadRequestError");
        Assert.Contains("maximum context length is 8192 tokens", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletion_MaxTokensBeyondContext_Returns400()
    {
        var body = Sse.Body("sim-mistral-7b", "Hi", stream: false, new { max_tokens = 9000 });
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(body));

        await AssertErrorAsync(response, 400, "BadRequestError");
    }

    [Fact]
    public async Task ChatStream_MidStreamError_SendsErrorEventThenDone()
    {
        var events = await Sse.StreamAsync(fixture.Http, Sse.Body("sim-gpt-4o", "Tell me about volcanoes", stream: true), "mid-stream-error");

        Assert.Equal("[DONE]", events[^1]);
        var error = JsonNode.Parse(events[^2])!["error"]!;
        Assert.Equal(500, (int)error["code"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.Equal("assistant", (string?)JsonNode.Parse(events[0])!["choices"]![0]!["delta"]!["role"]);
        Assert.DoesNotContain(events[..^2], e => e.Contains("finish_reason\":\"stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatStream_DropConnection_RawClientSeesTruncatedStream()
    {
        using var response = await fixture.Http.SendAsync(
            Sse.ChatRequest(Sse.Body("sim-gpt-4o", "Tell me about volcanoes", stream: true), "drop-connection"),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var events = new List<string>();
        var ex = await Record.ExceptionAsync(async () =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync())
            {
                events.Add(item.Data);
            }
        });

        Assert.IsAssignableFrom<IOException>(ex);
        Assert.NotEmpty(events);
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task ChatStream_DropConnection_SdkThrows()
    {
        var client = SdkClients.Chat(fixture.Server.BaseAddress, "sim-gpt-4o", "drop-connection");
        var received = new StringBuilder();

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Tell me about volcanoes")]))
            {
                foreach (var part in update.ContentUpdate)
                {
                    received.Append(part.Text);
                }
            }
        });

        Assert.True(ex is IOException or HttpRequestException or ClientResultException, ex.GetType().FullName);
        Assert.True(received.Length > 0, "some text arrives before the drop");
    }

    [Fact]
    public async Task ChatStream_MidStreamError_SdkStopsWithoutFinishReason()
    {
        var client = SdkClients.Chat(fixture.Server.BaseAddress, "sim-gpt-4o", "mid-stream-error");
        ChatFinishReason? finish = null;
        var received = new StringBuilder();
        Exception? failure = null;

        try
        {
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Tell me about volcanoes")]))
            {
                finish ??= update.FinishReason;
                foreach (var part in update.ContentUpdate)
                {
                    received.Append(part.Text);
                }
            }
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            failure = ex;
        }

        // Whether the SDK throws on the error event or skips it, the stream never reports a normal finish.
        Assert.Null(finish);
        Assert.True(received.Length > 0);
        _ = failure;
    }

    [Fact]
    public async Task CompleteChat_ForcedRateLimit_SdkSeesStatus429()
    {
        var client = SdkClients.Chat(fixture.Server.BaseAddress, "sim-gpt-4o", "429");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, ex.Status);
    }

    internal static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, int status, string type)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var error = body["error"]!.AsObject();
        Assert.Equal(["message", "type", "param", "code"], error.Select(p => p.Key));
        Assert.Equal(type, (string?)error["type"]);
        Assert.Equal(status, (int)error["code"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        return error;
    }
}
